using Emporium.BuildingBlocks;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Emporium.Cart.Identity;
using Emporium.Cart.Model;
using Emporium.Cart.Storage;
using Emporium.Cart.Viewing;
using Emporium.Contracts.Catalog;
using Microsoft.AspNetCore.Http;

namespace Emporium.Cart;

/// <summary>
/// The cart behind an HTTP request: the signed-in user's, or else the guest cart the request names.
/// A guest's unknown, expired or malformed cart id is simply no cart (a new one is issued on the first
/// change), never an error. The deciding methods answer a <see cref="CartView"/> or an error, so the API
/// endpoints and the web pages share them; the <see cref="IResult"/> methods are the endpoints' answers.
/// </summary>
internal sealed class ShopperCarts(ICartStore store, CartSkus catalog, TimeProvider clock, CartSettings settings)
{
    public async Task<IResult> ViewAsync(HttpContext context, CancellationToken cancellationToken) =>
        Respond(context, await ReadAsync(context, cancellationToken));

    /// <summary>Runs <paramref name="command"/> on the request's cart (opening one if it changes anything) and answers with the cart.</summary>
    public async Task<IResult> ChangeAsync(HttpContext context, CartCommand command, CancellationToken cancellationToken) =>
        Respond(context, await ApplyAsync(context, command, cancellationToken));

    /// <summary>The request's cart as it is now, with current prices; never creates one.</summary>
    public async Task<CartView> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (owner, live) = await FindAsync(context, clock.GetUtcNow(), cancellationToken);
        ForgetIfStale(context, owner, live);
        return await BuildAsync(live, cancellationToken);
    }

    /// <summary>How many lines the request's cart holds, for the site's header: one read, no catalog.</summary>
    public async Task<int> CountLinesAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (_, live) = await FindAsync(context, clock.GetUtcNow(), cancellationToken);
        return live?.State.LinesInOrder().Count ?? 0;
    }

    /// <summary>
    /// Sets a line's quantity (0 removes it): the SKU must exist and still be sold, and the line remembers
    /// today's price. Removing needs no catalog, so a line stays removable after its SKU is withdrawn.
    /// </summary>
    public Task<Result<CartView>> SetQuantityAsync(HttpContext context, string skuId, int quantity, CancellationToken cancellationToken) =>
        quantity == 0
            ? ApplyAsync(context, new CartCommand.RemoveLine(skuId), cancellationToken)
            : WithPriceAsync(context, skuId, price => new CartCommand.SetQuantity(skuId, quantity, price), cancellationToken);

    /// <summary>Adds <paramref name="quantity"/> to what the line holds (a new line if none), capped at the line maximum.</summary>
    public Task<Result<CartView>> AddAsync(HttpContext context, string skuId, int quantity, CancellationToken cancellationToken) =>
        WithPriceAsync(context, skuId, price => new CartCommand.AddQuantity(skuId, quantity, price), cancellationToken);

    /// <summary>Runs <paramref name="command"/> on the request's cart, opening one if it changes anything.</summary>
    public async Task<Result<CartView>> ApplyAsync(HttpContext context, CartCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (named, existing) = await FindAsync(context, now, cancellationToken);
        var owner = named is null || (named.Kind == CartOwnerKind.Guest && existing is null)
            ? CartOwner.Guest(GuestCartId.New())
            : named;

        var rules = settings.RulesFor(owner.Kind);
        var changed = await store.ChangeAsync(owner, state => CartDecider.Decide(command, state, rules, now), cancellationToken);
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        var cart = changed.Value is { } stored && stored.State.AsOf(now) is CartState.Open ? stored : null;
        if (owner.Kind == CartOwnerKind.Guest && cart is not null)
        {
            GuestCartId.Remember(context, cart.CartId, settings.GuestLifetime);
        }
        else
        {
            ForgetIfStale(context, named, existing);
        }

        return await BuildAsync(cart, cancellationToken);
    }

    private async Task<Result<CartView>> WithPriceAsync(HttpContext context, string skuId, Func<Money, CartCommand> command, CancellationToken cancellationToken)
    {
        var skus = await catalog.GetAsync([skuId], cancellationToken);
        if (!skus.TryGetValue(skuId, out var sku))
        {
            return Error.NotFound("sku_not_found", $"No SKU '{skuId}'.");
        }

        if (!sku.Purchasable)
        {
            return new Error(ErrorKind.Unprocessable, "sku_not_purchasable", $"SKU '{skuId}' is no longer sold.");
        }

        return await ApplyAsync(context, command(new Money(sku.PriceAmount, sku.Currency)), cancellationToken);
    }

    /// <summary>A cookie naming a guest cart that is gone or expired is cleared; a valid cookie beside a stale header is kept.</summary>
    private static void ForgetIfStale(HttpContext context, CartOwner? named, StoredCart? live)
    {
        if (named?.Kind == CartOwnerKind.Guest && live is null)
        {
            GuestCartId.Forget(context, staleCartId: named.Id);
        }
    }

    /// <summary>Who the request is (null: a guest naming no cart) and their live cart, if any.</summary>
    private async Task<(CartOwner? Owner, StoredCart? Cart)> FindAsync(HttpContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var owner = context.User.UserId() is { } userId
            ? CartOwner.User(userId)
            : GuestCartId.FromRequest(context.Request) is { } cartId ? CartOwner.Guest(cartId) : null;
        if (owner is null)
        {
            return (null, null);
        }

        var stored = await store.FindAsync(owner, cancellationToken);
        return (owner, stored is not null && stored.State.AsOf(now) is CartState.Open ? stored : null);
    }

    private async Task<CartView> BuildAsync(StoredCart? cart, CancellationToken cancellationToken)
    {
        var lines = cart?.State.LinesInOrder() ?? [];
        var skus = lines.Count == 0
            ? new Dictionary<string, SkuSnapshot>()
            : await catalog.GetAsync(lines.Select(l => l.SkuId).ToList(), cancellationToken);
        var cartId = cart?.Owner.Kind == CartOwnerKind.Guest ? cart.CartId : null;
        return CartViewBuilder.Build(cartId, lines, skus);
    }

    /// <summary>The endpoints' answer: the cart (never cached), or the error as a problem.</summary>
    public static IResult Respond(HttpContext context, Result<CartView> cart)
    {
        if (!cart.IsSuccess)
        {
            return Problems.From(cart.Error!);
        }

        // A cart is one person's: no shared cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(cart.Value);
    }
}
