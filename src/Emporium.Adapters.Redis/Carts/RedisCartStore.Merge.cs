using Emporium.Cart.Identity;
using Emporium.Cart.Model;
using Emporium.Cart.Storage;
using Microsoft.Extensions.Logging;

namespace Emporium.Adapters.Redis.Carts;

internal sealed partial class RedisCartStore
{
    /// <summary>
    /// Folds a guest cart (Redis only) into a user's (PostgreSQL, then Redis). The two hashes sit on two
    /// slots, so no Redis transaction covers both: the merge is committed by the PostgreSQL transaction
    /// that saves the user's cart and records this generation of the guest cart in <c>cart_merges</c>.
    /// A repeated or concurrent merge of the same generation finds the record and adds nothing; either
    /// way the guest hash is deleted afterwards (only if unchanged since it was read).
    /// </summary>
    public async Task<StoredCart?> MergeAsync(CartOwner into, CartOwner from, MergeDecision decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(decide);
        if (into.Kind != CartOwnerKind.User || from.Kind != CartOwnerKind.Guest)
        {
            throw new ArgumentException("A merge folds a guest's cart into a signed-in user's.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var guest = await LoadAsync(from, cancellationToken);
            var user = await LoadAsync(into, cancellationToken);
            var (intoEvents, fromEvents) = decide(user.State, guest.State);
            if (guest.Cart is null && intoEvents.Count == 0)
            {
                return user.Cart; // nothing to merge
            }

            var claim = guest.Cart is null ? null : new DurableClaim.Merge(from.Id, guest.Generation ?? "-", GuestExpiry(guest));
            var (outcome, after) = await SaveAsync(into, user, intoEvents, claim, cancellationToken);
            if (outcome == DurableSaveOutcome.Conflict)
            {
                await BackOffAsync(into, attempt, cancellationToken);
                continue;
            }

            // Recorded now, or by an earlier sign-in that may have stopped before this step: the guest cart goes.
            if (guest.Cart is not null)
            {
                await RetireGuestAsync(from, guest, fromEvents, cancellationToken);
            }

            return outcome == DurableSaveOutcome.Saved ? after : (await LoadAsync(into, cancellationToken)).Cart;
        }
    }

    private async Task RetireGuestAsync(CartOwner guest, RedisCart merged, IReadOnlyList<CartEvent> fromEvents, CancellationToken cancellationToken)
    {
        var events = fromEvents.Count > 0 ? fromEvents : [new CartEvent.Discarded(clock.GetUtcNow())];
        var (outcome, _) = await SaveAsync(guest, merged, events, claim: null, cancellationToken);
        if (outcome != DurableSaveOutcome.Saved)
        {
            // A change of the guest cart landed between the merge's read and this delete. It is kept (an
            // acknowledged change is not thrown away); its new lines were not merged (ADR 0008).
            logger.LogWarning("Guest cart changed during its merge into the cart of user {UserId}; it is kept", guest.Id);
        }
    }

    private DateTimeOffset GuestExpiry(RedisCart guest) =>
        guest.Cart?.State is CartState.Open open ? open.ExpiresAt : clock.GetUtcNow();
}
