using Emporium.Accounts.Users;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Emporium.Accounts.Admin;

/// <summary>
/// <c>POST /api/admin/users/{userId}/roles</c> (admins only): grants <c>seller</c> or <c>admin</c>; this is how a
/// user becomes a seller. Idempotent. The user's cookie or token carries the new role from their next sign-in.
/// </summary>
internal static class GrantRole
{
    private static readonly string[] Grantable = [Roles.Seller, Roles.Admin];

    public sealed record GrantRoleRequest(string? Role);

    public sealed record UserRoles(string UserId, IReadOnlyList<string> Roles);

    public static async Task<IResult> Handle(string userId, GrantRoleRequest request, UserStore users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var role = request.Role?.Trim();
        if (role is null || !Grantable.Contains(role, StringComparer.Ordinal))
        {
            var errors = new ValidationErrors();
            errors.Add("role", $"One of: {string.Join(", ", Grantable)}.");
            return Problems.From(errors.ToError());
        }

        if (await users.FindByIdAsync(userId, cancellationToken) is null)
        {
            return Problems.From(Error.NotFound("user_not_found", $"No user '{userId}'."));
        }

        return TypedResults.Ok(new UserRoles(userId, await users.GrantRoleAsync(userId, role, cancellationToken)));
    }
}
