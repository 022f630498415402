using Emporium.Accounts.Users;
using Emporium.Contracts.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Emporium.Accounts.Authentication;

/// <summary>What the API returns to a client that just signed in (login or registration).</summary>
internal sealed record SignedIn(string UserId, string AccessToken, string TokenType, long ExpiresIn);

/// <summary>
/// Signs a user in on this request: sets the auth cookie, issues a bearer token, then tells every
/// <see cref="ISignInObserver"/> (the cart merges the guest cart) — all before the response is written.
/// </summary>
internal sealed class SignInFlow(IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
{
    public async Task<SignedIn> SignInAsync(HttpContext context, AccountUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = UserPrincipal.For(user);
        // Persistent: the cookie outlives the browser session (14 days, sliding), like the cart it goes with.
        await context.SignInAsync(AuthSchemes.Cookie, principal, new AuthenticationProperties { IsPersistent = true });
        var (token, lifetime) = IssueBearerToken(principal);

        // An observer's failure fails the request: a retried sign-in runs the (idempotent) observers again.
        foreach (var observer in context.RequestServices.GetServices<ISignInObserver>())
        {
            await observer.UserSignedInAsync(context, user.Id, cancellationToken);
        }

        return new SignedIn(user.Id, token, "Bearer", (long)lifetime.TotalSeconds);
    }

    /// <summary>
    /// The same ticket the bearer handler would write if asked to sign in, protected with its own
    /// protector, so the handler accepts it. (Its own sign-in writes a fixed JSON body, which would
    /// leave no room for the cookie and the response shape of this API.)
    /// </summary>
    private (string Token, TimeSpan Lifetime) IssueBearerToken(System.Security.Claims.ClaimsPrincipal principal)
    {
        var options = bearerOptions.Get(AuthSchemes.Bearer);
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(principal, properties, $"{AuthSchemes.Bearer}:AccessToken");
        return (options.BearerTokenProtector.Protect(ticket), options.BearerTokenExpiration);
    }
}
