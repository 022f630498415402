using Emporium.Web.Components.Pages.Seller;

namespace Emporium.Web.Components.Pages.Admin;

/// <summary>The base of the admin pages: like the seller portal's, for admins only.</summary>
public abstract class AdminPage : SellerPage
{
    protected override bool MayEnter => IsAdmin;
}
