using Microsoft.AspNetCore.Http;

namespace Emporium.Cart.Viewing;

/// <summary><c>GET /api/cart</c>: the request's cart with current prices, availability, warnings and totals. Never creates a cart.</summary>
internal static class GetCart
{
    public static Task<IResult> Handle(HttpContext context, ShopperCarts carts, CancellationToken cancellationToken) =>
        carts.ViewAsync(context, cancellationToken);
}
