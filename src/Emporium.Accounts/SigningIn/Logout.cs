using Emporium.Accounts.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Emporium.Accounts.SigningIn;

/// <summary>
/// <c>POST /api/accounts/logout</c>: removes the auth cookie (idempotent: a guest gets 204 too).
/// Bearer tokens are self-contained and stay valid until they expire; a client forgets its token.
/// </summary>
internal static class Logout
{
    public static async Task<IResult> Handle(HttpContext context)
    {
        await context.SignOutAsync(AuthSchemes.Cookie);
        return TypedResults.NoContent();
    }
}
