using Microsoft.AspNetCore.Http;

namespace Emporium.Web.Components.Pages.Seller;

/// <summary>
/// The base of the seller portal's pages: a guest is sent to sign in, a signed-in shopper who may not
/// enter gets a 403 and the <see cref="NotAllowed"/> message instead of the page.
/// </summary>
public abstract class SellerPage : StorePage
{
    /// <summary>True when the page shows <see cref="NotAllowed"/> instead of itself.</summary>
    protected bool Refused { get; private set; }

    /// <summary>Who may enter: sellers and admins (admins see every seller's things).</summary>
    protected virtual bool MayEnter => IsSeller;

    /// <summary>True when the page should stop: the visitor is being sent to sign in, or is refused.</summary>
    protected bool StopUnlessAllowed()
    {
        if (RedirectUnlessSignedIn())
        {
            return true;
        }

        if (MayEnter)
        {
            return false;
        }

        Refused = true;
        HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
        return true;
    }
}
