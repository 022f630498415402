using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Emporium.Accounts.Authentication;

/// <summary>The authentication schemes: a cookie for the web, a bearer token for API clients, and the default that picks one.</summary>
internal static class AuthSchemes
{
    /// <summary>The default scheme: forwards to <see cref="Bearer"/> when the request carries a bearer token, else to <see cref="Cookie"/>.</summary>
    public const string Default = "emporium";

    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;

    public const string Bearer = BearerTokenDefaults.AuthenticationScheme;

    public const string CookieName = "emporium_auth";

    /// <summary>The authentication type of the identities this module issues (any non-empty value means "authenticated").</summary>
    public const string IdentityType = "emporium";
}
