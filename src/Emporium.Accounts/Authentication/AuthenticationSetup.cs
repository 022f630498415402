using Emporium.Accounts.Authentication.KeyRing;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Emporium.Accounts.Authentication;

/// <summary>Cookie and bearer-token authentication on every endpoint, the role policies, and the keys behind both.</summary>
internal static class AuthenticationSetup
{
    /// <summary>How long a sign-in cookie lives without use (sliding: each use past half-life renews it).</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(14);

    public static IServiceCollection AddAccountsAuthentication(this IServiceCollection services, EmporiumOptions options)
    {
        // Cookies and tokens are protected with these keys, kept so both survive a restart: on disk when
        // embedded, in the database shared by every instance when scaled out (ADR 0010).
        services.AddDataProtection().PersistKeys(options);

        services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Cookie or bearer token", policy =>
            {
                policy.ForwardDefaultSelector = context => HasBearerToken(context.Request) ? AuthSchemes.Bearer : AuthSchemes.Cookie;

                // Challenges and denials always go through the cookie handler's events below, so both
                // kinds of client get the same 401/403 ProblemDetails.
                policy.ForwardChallenge = AuthSchemes.Cookie;
                policy.ForwardForbid = AuthSchemes.Cookie;
            })
            .AddCookie(AuthSchemes.Cookie, cookie =>
            {
                cookie.Cookie.Name = AuthSchemes.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                // Secure outside development and tests (CookieSecurity); set below, where the environment is known.
                cookie.ExpireTimeSpan = CookieLifetime;
                cookie.SlidingExpiration = true;

                // This is an API: never redirect to a login page.
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => AccountProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => AccountProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden),
                    OnRedirectToLogout = _ => Task.CompletedTask,
                    OnRedirectToReturnUrl = _ => Task.CompletedTask,
                };
            })
            .AddBearerToken(AuthSchemes.Bearer);

        services.AddOptions<CookieAuthenticationOptions>(AuthSchemes.Cookie)
            .Configure<IHostEnvironment>((cookie, environment) => cookie.Cookie.SecurePolicy = CookieSecurity.PolicyFor(environment));

        // After the framework has made the token format from the key ring: remember opened tokens.
        services.AddOptions<BearerTokenOptions>(AuthSchemes.Bearer)
            .PostConfigure<TimeProvider>((bearer, clock) => bearer.BearerTokenProtector = new CachedTicketFormat(bearer.BearerTokenProtector, clock));

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Policies.Seller, policy => policy.RequireRole(Roles.Seller, Roles.Admin))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin));
        return services;
    }

    private static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
