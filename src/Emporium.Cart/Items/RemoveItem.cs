using Emporium.Cart.Model;
using Microsoft.AspNetCore.Http;

namespace Emporium.Cart.Items;

/// <summary><c>DELETE /api/cart/items/{skuId}</c>: removes the line; removing what is not there changes nothing.</summary>
internal static class RemoveItem
{
    public static Task<IResult> Handle(string skuId, HttpContext context, ShopperCarts carts, CancellationToken cancellationToken) =>
        carts.ChangeAsync(context, new CartCommand.RemoveLine(skuId), cancellationToken);
}
