using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks;
using Emporium.Cart.Model;
using Emporium.Cart.Viewing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Cart.Items;

/// <summary>
/// <c>PUT /api/cart/items/{skuId}</c> <c>{ quantity }</c>: sets the line's quantity; the same request twice
/// leaves the same cart, 0 removes the line. Input is checked before anything is loaded or saved.
/// </summary>
internal static class SetItemQuantity
{
    public static async Task<IResult> Handle(
        string skuId, HttpContext context, ShopperCarts carts, CartSkus catalog, CartSettings settings, CancellationToken cancellationToken)
    {
        var quantity = await QuantityBody.ReadAsync(context.Request, settings.MaxQuantityPerLine, cancellationToken);
        if (!quantity.IsSuccess)
        {
            return Problems.From(quantity.Error!);
        }

        if (quantity.Value == 0)
        {
            // Removing needs no catalog: a line must stay removable after its SKU is withdrawn.
            return await carts.ChangeAsync(context, new CartCommand.RemoveLine(skuId), cancellationToken);
        }

        var skus = await catalog.GetAsync([skuId], cancellationToken);
        if (!skus.TryGetValue(skuId, out var sku))
        {
            return Problems.From(Error.NotFound("sku_not_found", $"No SKU '{skuId}'."));
        }

        if (!sku.Purchasable)
        {
            return Problems.From(new Error(ErrorKind.Unprocessable, "sku_not_purchasable", $"SKU '{skuId}' is no longer sold."));
        }

        var price = new Money(sku.PriceAmount, sku.Currency);
        return await carts.ChangeAsync(context, new CartCommand.SetQuantity(skuId, quantity.Value, price), cancellationToken);
    }
}
