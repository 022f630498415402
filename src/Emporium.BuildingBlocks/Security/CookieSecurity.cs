using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Emporium.BuildingBlocks.Security;

/// <summary>
/// When a cookie is marked Secure: always, except on a developer's machine and in the test suite, which
/// serve plain http on loopback. Behind a TLS-terminating proxy the app sees http, so "same as the
/// request" would leave production cookies unmarked; this rule does not depend on the request's scheme.
/// </summary>
public static class CookieSecurity
{
    public static bool AllowsPlainHttp(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() || environment.IsEnvironment("Testing");
    }

    public static CookieSecurePolicy PolicyFor(IHostEnvironment environment) =>
        AllowsPlainHttp(environment) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>Whether a cookie written on this request is marked Secure.</summary>
    public static bool IsSecure(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.IsHttps || !AllowsPlainHttp(context.RequestServices.GetRequiredService<IHostEnvironment>());
    }
}
