using Emporium.Cart.Identity;
using Emporium.Cart.Model;
using Emporium.Cart.Storage;
using Emporium.Cart.Viewing;

namespace Emporium.Cart.Merging;

/// <summary>
/// Folds a guest's cart into a user's at sign-in, in one transaction: the user's cart gains the lines
/// (duplicates by the configured policy, capped by the line maximum and known stock), the guest's cart
/// is deleted. Idempotent: once merged the guest cart is gone, so a replayed sign-in changes nothing.
/// </summary>
internal sealed class MergeGuestCart(ICartStore store, CartSkus catalog, TimeProvider clock, CartSettings settings)
{
    /// <summary>Returns the user's cart after the merge, or null when neither cart exists.</summary>
    public async Task<StoredCart?> RunAsync(string guestCartId, string userId, CancellationToken cancellationToken)
    {
        var guest = CartOwner.Guest(guestCartId);
        var user = CartOwner.User(userId);
        var found = await store.FindAsync(guest, cancellationToken);
        if (found is null)
        {
            return null;
        }

        // Read outside the transaction: stock only caps quantities, and a second early is as good as now.
        var skuIds = found.State.LinesInOrder().Select(l => l.SkuId).ToList();
        var knownStock = skuIds.Count == 0
            ? new Dictionary<string, int>()
            : (await catalog.GetAsync(skuIds, cancellationToken)).Values
                .Where(s => s.AvailableQuantity is not null)
                .ToDictionary(s => s.SkuId, s => s.AvailableQuantity!.Value, StringComparer.Ordinal);

        var now = clock.GetUtcNow();
        return await store.MergeAsync(user, guest, (userState, guestState) =>
        {
            var into = CartDecider.Decide(new CartCommand.Merge(guestState, settings.MergePolicy, knownStock), userState, settings.RulesFor(CartOwnerKind.User), now);
            var from = CartDecider.Decide(new CartCommand.Discard(), guestState, settings.RulesFor(CartOwnerKind.Guest), now);
            return (into.Value, from.Value); // neither command has an expected error
        }, cancellationToken);
    }
}
