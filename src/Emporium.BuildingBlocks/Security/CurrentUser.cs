using System.Security.Claims;

namespace Emporium.BuildingBlocks.Security;

/// <summary>Reads who is calling from the claims the Accounts module issues (cookie or bearer token alike).</summary>
public static class CurrentUser
{
    /// <summary>The user's opaque id, or null for a guest.</summary>
    public static string? UserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    }

    public static bool IsAdmin(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Admin);
    }
}
