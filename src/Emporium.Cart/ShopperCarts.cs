using Emporium.BuildingBlocks.Http;
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
/// change), never an error.
/// </summary>
internal sealed class ShopperCarts(ICartStore store, CartSkus catalog, TimeProvider clock, CartSettings settings)
{
    public async Task<IResult> ViewAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (owner, live) = await FindAsync(context, clock.GetUtcNow(), cancellationToken);
        ForgetIfStale(context, owner, live);
        return await RespondAsync(context, live, cancellationToken);
    }

    /// <summary>Runs <paramref name="command"/> on the request's cart (opening one if it changes anything) and answers with the cart.</summary>
    public async Task<IResult> ChangeAsync(HttpContext context, CartCommand command, CancellationToken cancellationToken)
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
            return Problems.From(changed.Error!);
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

        return await RespondAsync(context, cart, cancellationToken);
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

    private async Task<IResult> RespondAsync(HttpContext context, StoredCart? cart, CancellationToken cancellationToken)
    {
        var lines = cart?.State.LinesInOrder() ?? [];
        var skus = lines.Count == 0
            ? new Dictionary<string, SkuSnapshot>()
            : await catalog.GetAsync(lines.Select(l => l.SkuId).ToList(), cancellationToken);
        var cartId = cart?.Owner.Kind == CartOwnerKind.Guest ? cart.CartId : null;

        // A cart is one person's: no shared cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(CartViewBuilder.Build(cartId, lines, skus));
    }
}
