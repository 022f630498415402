using Emporium.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace Emporium.Cart.Items;

/// <summary>
/// <c>PUT /api/cart/items/{skuId}</c> <c>{ quantity }</c>: sets the line's quantity; the same request twice
/// leaves the same cart, 0 removes the line. Input is checked before anything is loaded or saved.
/// </summary>
internal static class SetItemQuantity
{
    public static async Task<IResult> Handle(
        string skuId, HttpContext context, ShopperCarts carts, CartSettings settings, CancellationToken cancellationToken)
    {
        var quantity = await QuantityBody.ReadAsync(context.Request, settings.MaxQuantityPerLine, cancellationToken);
        if (!quantity.IsSuccess)
        {
            return Problems.From(quantity.Error!);
        }

        return ShopperCarts.Respond(context, await carts.SetQuantityAsync(context, skuId, quantity.Value, cancellationToken));
    }
}
