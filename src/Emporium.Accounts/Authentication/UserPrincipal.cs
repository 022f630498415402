using System.Security.Claims;
using Emporium.Accounts.Users;

namespace Emporium.Accounts.Authentication;

/// <summary>
/// The claims every module reads (through <c>CurrentUser</c> and the role policies). Roles are fixed in the
/// cookie or token when it is issued: a newly granted role takes effect at the next sign-in.
/// </summary>
internal static class UserPrincipal
{
    public static ClaimsPrincipal For(AccountUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Email, user.Email),
        };
        claims.AddRange(user.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthSchemes.IdentityType, ClaimTypes.Name, ClaimTypes.Role));
    }
}
