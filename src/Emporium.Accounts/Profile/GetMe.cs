using Emporium.Accounts.Authentication;
using Emporium.Accounts.Users;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Emporium.Accounts.Profile;

/// <summary><c>GET /api/accounts/me</c>: the signed-in user as stored now (roles included, even ones granted since sign-in).</summary>
internal static class GetMe
{
    public sealed record AccountProfile(string UserId, string Email, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);

    public static async Task<IResult> Handle(HttpContext context, UserStore users, CancellationToken cancellationToken)
    {
        // A valid cookie or token naming no stored user (a database reset under kept keys) is no sign-in.
        var user = await users.FindByIdAsync(context.User.UserId()!, cancellationToken);
        return user is null
            ? AccountProblems.SignInRequired()
            : TypedResults.Ok(new AccountProfile(user.Id, user.Email, user.Name, user.Roles, user.CreatedAt));
    }
}
