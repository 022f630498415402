using System.Threading.RateLimiting;
using Emporium.Accounts.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.Accounts.RateLimiting;

/// <summary>
/// The per-address limit: at most <see cref="LoginRateLimits.PerAddressPerMinute"/> sign-in attempts per
/// client address in a fixed one-minute window, successful or not (each costs a password hash).
/// An endpoint filter over System.Threading.RateLimiting rather than the rate-limiting middleware, so the
/// module needs nothing from the host's pipeline.
/// </summary>
/// <remarks>
/// The address is the connection's (<c>RemoteIpAddress</c>): behind a reverse proxy every client shares the
/// proxy's address unless the host applies forwarded headers first. IPv6 addresses count one by one.
/// </remarks>
internal sealed class ClientAddressLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public ClientAddressLimiter(LoginRateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.Enabled)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
                address,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        }
    }

    /// <summary>Counts an attempt from <paramref name="address"/>; false (with how long to wait) when over the limit.</summary>
    public bool TryAcquire(string address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_limiter is null)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(address);
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return false;
    }

    public void Dispose() => _limiter?.Dispose();
}

internal static class ClientAddressLimiterExtensions
{
    /// <summary>Applies the per-address sign-in limit to an endpoint (see <see cref="ISignInLimits"/>).</summary>
    public static RouteHandlerBuilder LimitedPerClientAddress(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var verdict = await CountAttemptAsync(context.HttpContext);
            return verdict.IsAllowed
                ? await next(context)
                : AccountProblems.TooManyAttempts(context.HttpContext, verdict.RetryAfter, "Too many sign-in attempts from this address; try again later.");
        });

    /// <summary>Counts a sign-in attempt from the request's client address (the API's filter and the sign-in page).</summary>
    public static async ValueTask<SignInVerdict> CountAttemptAsync(HttpContext context)
    {
        // Without a known address (a Unix socket, the in-memory test server) there is nothing to key on:
        // one shared bucket would make this a site-wide sign-in limit. The per-account limit still applies.
        var address = context.Connection.RemoteIpAddress;
        return address is null
            ? SignInVerdict.Allowed
            : await context.RequestServices.GetRequiredService<ISignInLimits>().TryFromAddressAsync(address.ToString());
    }
}
