using Emporium.BuildingBlocks.Persistence;
using Emporium.Cart.Checkout;
using Emporium.Cart.Expiry;
using Emporium.Cart.Items;
using Emporium.Cart.Merging;
using Emporium.Cart.Storage;
using Emporium.Cart.Viewing;
using Emporium.Contracts.Accounts;
using Emporium.Contracts.Cart;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emporium.Cart;

/// <summary>The cart module's registration: the only public surface of the module.</summary>
public static class CartModule
{
    /// <summary>
    /// Registers the cart store, the sign-in merge, the expiry purge and checkout's view of a user's cart
    /// (<see cref="ICheckoutCarts"/>); settings under <c>Emporium:Cart</c>.
    /// </summary>
    public static IServiceCollection AddCartModule(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddModuleSchema("cart", typeof(CartModule).Assembly);
        services.AddSingleton(CartSettings.From(configuration));
        services.AddSingleton<ICartStore, SqlCartStore>();
        services.AddSingleton<CartSkus>();
        services.AddSingleton<ShopperCarts>();
        services.AddSingleton<MergeGuestCart>();
        services.AddSingleton<ICheckoutCarts, CheckoutCarts>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<ISignInObserver, CartSignInObserver>());
        services.AddHostedService<ExpiredCartPurge>();
        return services;
    }

    public static IEndpointRouteBuilder MapCartEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var cart = endpoints.MapGroup("/api/cart").WithTags("Cart");

        cart.MapGet("", GetCart.Handle)
            .WithName("GetCart")
            .WithSummary("The caller's cart: the signed-in user's, or the guest cart named by the emporium_cart cookie or X-Cart-Id header.")
            .WithDescription("Lines carry the current unit price, the price when added, priceChanged, availability and warnings; totals are computed from current prices.")
            .Produces<CartView>();

        cart.MapPut("/items/{skuId}", SetItemQuantity.Handle)
            .WithName("SetCartItemQuantity")
            .WithSummary("Sets a line's quantity (idempotent); 0 removes it. A guest without a cart gets one: its id comes back in cartId, the X-Cart-Id header and the emporium_cart cookie.")
            .Accepts<CartQuantityRequest>("application/json")
            .Produces<CartView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        cart.MapDelete("/items/{skuId}", RemoveItem.Handle)
            .WithName("RemoveCartItem")
            .WithSummary("Removes a line; removing a line that is not there changes nothing.")
            .Produces<CartView>();

        return endpoints;
    }
}
