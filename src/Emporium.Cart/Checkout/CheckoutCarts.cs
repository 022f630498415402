using Emporium.Cart.Identity;
using Emporium.Cart.Model;
using Emporium.Cart.Storage;
using Emporium.Contracts.Cart;

namespace Emporium.Cart.Checkout;

/// <summary>
/// A signed-in user's cart as checkout sees it: the lines to buy, and taking the bought units out
/// afterwards. The removal goes through the cart's own decider and store, so its events, locking and
/// lifetime rules are the same as a shopper's change; the purchase id recorded with it makes a replay
/// (a saga retrying after a crash) a no-op.
/// </summary>
internal sealed class CheckoutCarts(ICartStore store, CartSettings settings, TimeProvider clock) : ICheckoutCarts
{
    /// <summary>Longer than any id checkout makes; a longer one is a bug in the caller.</summary>
    public const int MaxIdLength = 200;

    public async Task<IReadOnlyList<CheckoutCartLine>> GetLinesAsync(string userId, CancellationToken cancellationToken)
    {
        RequireId(userId, nameof(userId));
        var stored = await store.FindAsync(CartOwner.User(userId), cancellationToken);
        var state = stored?.State.AsOf(clock.GetUtcNow()) ?? CartState.Empty.Instance;
        return state.LinesInOrder().Select(l => new CheckoutCartLine(l.SkuId, l.Quantity)).ToList();
    }

    public async Task RemovePurchasedAsync(string userId, string purchaseId, IReadOnlyList<CheckoutCartLine> bought, CancellationToken cancellationToken)
    {
        RequireId(userId, nameof(userId));
        RequireId(purchaseId, nameof(purchaseId));
        ArgumentNullException.ThrowIfNull(bought);
        if (bought.Any(l => l is null || string.IsNullOrEmpty(l.SkuId) || l.Quantity < 1))
        {
            throw new ArgumentException("Every bought line names a SKU and at least one unit.", nameof(bought));
        }

        // The same SKU twice (an order line split over warehouses) is one removal of the sum.
        var units = bought
            .GroupBy(l => l.SkuId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity), StringComparer.Ordinal);
        var owner = CartOwner.User(userId);
        var rules = settings.RulesFor(owner.Kind);
        var now = clock.GetUtcNow();
        var command = new CartCommand.RemovePurchased(units);
        await store.ChangeForPurchaseAsync(owner, purchaseId, state => CartDecider.Decide(command, state, rules, now), now, cancellationToken);
    }

    private static void RequireId(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength)
        {
            throw new ArgumentException($"Required, at most {MaxIdLength} characters.", name);
        }
    }
}
