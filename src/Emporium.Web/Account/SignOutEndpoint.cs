using Emporium.Accounts.Authentication;
using Emporium.Web.Components;
using Emporium.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Emporium.Web.Account;

/// <summary>
/// <c>POST /account/sign-out</c> from the header's button: removes the auth cookie and goes home. A form
/// post with an antiforgery token, so another site cannot sign a shopper out.
/// </summary>
internal static class SignOutEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Urls.SignOut, async (HttpContext context) =>
            {
                await context.SignOutAsync(AuthSchemes.Cookie);
                return Results.LocalRedirect(Urls.Home);
            })
            .RequireAntiforgeryToken()
            .ExcludeFromDescription();
}
