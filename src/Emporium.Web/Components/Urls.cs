namespace Emporium.Web.Components;

/// <summary>The pages' addresses in one place, so links and redirects agree.</summary>
public static class Urls
{
    public const string Home = "/";
    public const string Cart = "/cart";
    public const string Checkout = "/checkout";
    public const string Orders = "/account/orders";
    public const string Addresses = "/account/addresses";
    public const string SignUp = "/account/sign-up";
    public const string SignOut = "/account/sign-out";
    public const string Seller = "/seller";
    public const string Admin = "/admin";
    public const string SellerNewProduct = "/seller/products/new";
    public const string SellerOrders = "/seller/orders";
    public const string AdminWarehouses = "/admin/warehouses";
    public const string FlashSales = "/flash-sales";
    public const string AdminFlashSales = "/admin/flash-sales";

    public static string Product(string productId) => "/products/" + Uri.EscapeDataString(productId);

    public static string Product(string productId, string skuId) => Product(productId) + "?sku=" + Uri.EscapeDataString(skuId);

    public static string SellerProduct(string productId) => "/seller/products/" + Uri.EscapeDataString(productId);

    public static string SellerStock(string productId) => SellerProduct(productId) + "/stock";

    public static string Category(string slug) => "/categories/" + Uri.EscapeDataString(slug);

    /// <summary>The cart page with a notice (a <see cref="Shopping.CartNotice"/> code) and where "continue shopping" goes.</summary>
    public static string CartWith(string notice, string? returnUrl = null) =>
        Cart + "?notice=" + Uri.EscapeDataString(notice) + (returnUrl is null ? "" : "&returnUrl=" + Uri.EscapeDataString(returnUrl));

    /// <summary>The confirmation shown once after an order is placed.</summary>
    public static string OrderPlaced(string orderId) => "/checkout/placed/" + Uri.EscapeDataString(orderId);

    public static string Order(string orderId) => "/account/orders/" + Uri.EscapeDataString(orderId);

    public static string FlashSale(string saleId) => "/flash-sales/" + Uri.EscapeDataString(saleId);

    /// <summary>The sale page showing the buyer's fresh claim, with its pay link.</summary>
    public static string FlashSaleClaim(string saleId, string claimId) => FlashSale(saleId) + "?claim=" + Uri.EscapeDataString(claimId);

    public static string Search(string? q) => string.IsNullOrWhiteSpace(q) ? "/search" : "/search?q=" + Uri.EscapeDataString(q);

    /// <summary>The sign-in page, returning to <paramref name="returnUrl"/> (a local path) afterwards.</summary>
    public static string SignIn(string? returnUrl = null) =>
        string.IsNullOrEmpty(returnUrl) ? "/account/sign-in" : "/account/sign-in?returnUrl=" + Uri.EscapeDataString("/" + returnUrl.TrimStart('/'));

    /// <summary>Only a path on this site is a place to return to: never another origin (an open redirect).</summary>
    public static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : Home;
}
