using System.Net;
using System.Threading.RateLimiting;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// The embedded <see cref="IPurchaseRateLimits"/>: a fixed one-second window per buyer and one per client
/// address, counted in this process. With several instances each would count on its own (a buyer gets
/// the limit once per instance); the scale-out deployment counts in Redis instead.
/// </summary>
/// <remarks>
/// The address is the connection's: behind a reverse proxy every buyer shares the proxy's address unless
/// the host applies forwarded headers first. Without an address (the in-memory test server) only the
/// per-buyer limit applies, as for sign-ins.
/// </remarks>
internal sealed class InProcessPurchaseRateLimits : IPurchaseRateLimits, IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly PartitionedRateLimiter<string>? _perUser;
    private readonly PartitionedRateLimiter<IPAddress>? _perAddress;

    public InProcessPurchaseRateLimits(PurchaseRateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Enabled)
        {
            _perUser = PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetFixedWindowLimiter(
                userId, _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PerUserPerSecond, Window = Window, QueueLimit = 0 }));
            _perAddress = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(
                address, _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PerAddressPerSecond, Window = Window, QueueLimit = 0 }));
        }
    }

    public ValueTask<RateLimitVerdict> TryAcquireAsync(string userId, IPAddress? address, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryAcquire(userId, address, out var retryAfter) ? RateLimitVerdict.Allowed : RateLimitVerdict.Refused(retryAfter));

    /// <summary>Counts one attempt; false (with how long to wait) when the buyer or the address is over its limit.</summary>
    public bool TryAcquire(string userId, IPAddress? address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_perUser is null || _perAddress is null)
        {
            return true;
        }

        if (!Acquire(_perUser, userId, out retryAfter))
        {
            return false;
        }

        return address is null || Acquire(_perAddress, address, out retryAfter);
    }

    public void Dispose()
    {
        _perUser?.Dispose();
        _perAddress?.Dispose();
    }

    private static bool Acquire<TKey>(PartitionedRateLimiter<TKey> limiter, TKey key, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire(key);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        return lease.IsAcquired;
    }
}
