using System.Globalization;
using Emporium.BuildingBlocks.Results;
using Emporium.Cart;
using Emporium.Cart.Model;
using Emporium.Web.Components;
using Emporium.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Emporium.Web.Shopping;

/// <summary>
/// The cart's form posts (<c>POST /cart/add</c>, <c>/cart/update</c>, <c>/cart/remove</c>): each runs the
/// cart module's own decision (catalog check, today's price, the line maximum, the guest cookie) exactly
/// as <c>PUT /api/cart/items/{sku}</c> does, then redirects to the cart page with a notice code. A bad
/// SKU or quantity is a message on the cart, never an error page.
/// </summary>
internal static class CartForms
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/cart/add", AddAsync).RequireAntiforgeryToken().ExcludeFromDescription();
        app.MapPost("/cart/update", UpdateAsync).RequireAntiforgeryToken().ExcludeFromDescription();
        app.MapPost("/cart/remove", RemoveAsync).RequireAntiforgeryToken().ExcludeFromDescription();
    }

    private static async Task<IResult> AddAsync(
        [FromForm(Name = "skuId")] string? skuId,
        [FromForm(Name = "quantity")] string? quantity,
        [FromForm(Name = "returnUrl")] string? returnUrl,
        HttpContext context,
        ShopperCarts carts,
        CartSettings settings)
    {
        var back = string.IsNullOrEmpty(returnUrl) ? null : Urls.LocalOrHome(returnUrl);
        if (string.IsNullOrWhiteSpace(skuId))
        {
            return Back(CartNotice.UnknownSku, back);
        }

        var count = string.IsNullOrWhiteSpace(quantity) ? 1 : ParseQuantity(quantity);
        if (count is not { } units || units < 1 || units > settings.MaxQuantityPerLine)
        {
            return Back(CartNotice.BadQuantity, back);
        }

        var cart = await carts.AddAsync(context, skuId.Trim(), units, context.RequestAborted);
        if (!cart.IsSuccess)
        {
            return Back(CartNotice.For(cart.Error!), back);
        }

        var full = cart.Value.Lines.Any(l => l.SkuId == skuId.Trim() && l.Quantity >= settings.MaxQuantityPerLine);
        return Back(full ? CartNotice.LineFull : CartNotice.Added, back);
    }

    private static async Task<IResult> UpdateAsync(
        [FromForm(Name = "skuId")] string? skuId, [FromForm(Name = "quantity")] string? quantity, HttpContext context, ShopperCarts carts)
    {
        if (string.IsNullOrWhiteSpace(skuId))
        {
            return Back(CartNotice.UnknownSku);
        }

        if (ParseQuantity(quantity) is not { } units || units < 0)
        {
            return Back(CartNotice.BadQuantity);
        }

        var cart = await carts.SetQuantityAsync(context, skuId, units, context.RequestAborted);
        return Back(cart.IsSuccess ? (units == 0 ? CartNotice.Removed : CartNotice.Updated) : CartNotice.For(cart.Error!));
    }

    private static async Task<IResult> RemoveAsync([FromForm(Name = "skuId")] string? skuId, HttpContext context, ShopperCarts carts)
    {
        if (!string.IsNullOrWhiteSpace(skuId))
        {
            await carts.ApplyAsync(context, new CartCommand.RemoveLine(skuId), context.RequestAborted);
        }

        return Back(CartNotice.Removed);
    }

    private static int? ParseQuantity(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static IResult Back(string notice, string? returnUrl = null) =>
        Results.LocalRedirect(Urls.CartWith(notice, returnUrl));
}

/// <summary>The notices the cart page shows after a form post, named by short codes in its address.</summary>
internal static class CartNotice
{
    public const string Added = "added";
    public const string LineFull = "line-full";
    public const string Updated = "updated";
    public const string Removed = "removed";
    public const string UnknownSku = "unknown-sku";
    public const string NotSold = "not-sold";
    public const string BadQuantity = "bad-quantity";

    public static string For(Error error) => error.Code switch
    {
        "sku_not_found" => UnknownSku,
        "sku_not_purchasable" => NotSold,
        _ => BadQuantity,
    };

    /// <summary>The message and whether it is good news, or null for a code this page does not know.</summary>
    public static (string Text, bool Ok)? Describe(string? code, int maxPerLine) => code switch
    {
        Added => ("Added to your cart.", true),
        LineFull => (string.Create(CultureInfo.InvariantCulture, $"Added to your cart — {maxPerLine} is the most one line can hold."), true),
        Updated => ("Quantity updated.", true),
        Removed => ("Removed from your cart.", true),
        UnknownSku => ("We couldn't find that item; nothing was added.", false),
        NotSold => ("That item is no longer sold; nothing was added.", false),
        BadQuantity => (string.Create(CultureInfo.InvariantCulture, $"Choose a quantity from 1 to {maxPerLine}."), false),
        _ => null,
    };
}
