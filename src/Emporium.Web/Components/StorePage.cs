using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace Emporium.Web.Components;

/// <summary>
/// The base of every page: the request it renders for (static SSR always has one), who is signed in, and
/// the redirects a page needs (to sign in first, or after a form post: post/redirect/get).
/// </summary>
public abstract class StorePage : ComponentBase
{
    [CascadingParameter]
    public HttpContext HttpContext { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    protected string? UserId => HttpContext.User.UserId();

    protected bool IsSignedIn => UserId is not null;

    protected bool IsSeller => HttpContext.User.IsInRole(Roles.Seller) || HttpContext.User.IsInRole(Roles.Admin);

    protected bool IsAdmin => HttpContext.User.IsAdmin();

    protected CancellationToken Aborted => HttpContext.RequestAborted;

    /// <summary>Sends a guest to sign in, back to this page afterwards; true when the page should stop rendering.</summary>
    protected bool RedirectUnlessSignedIn()
    {
        if (IsSignedIn)
        {
            return false;
        }

        Navigation.NavigateTo(Urls.SignIn(Navigation.ToBaseRelativePath(Navigation.Uri)));
        return true;
    }

    /// <summary>A 404 page for a thing that does not exist (or is someone else's).</summary>
    protected void NotFound() => Navigation.NotFound();
}
