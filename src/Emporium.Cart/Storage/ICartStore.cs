using Emporium.BuildingBlocks.Results;
using Emporium.Cart.Identity;
using Emporium.Cart.Model;

namespace Emporium.Cart.Storage;

/// <summary>A cart as stored: its id, its owner and its state (not yet read as of now: it may be expired).</summary>
internal sealed record StoredCart(string CartId, CartOwner Owner, CartState State);

/// <summary>A decision: the events to save, or an expected error that leaves the cart as it was.</summary>
internal delegate Result<IReadOnlyList<CartEvent>> CartDecision(CartState state);

/// <summary>What a merge saves: the events of the cart that receives the lines, and of the cart that gives them up.</summary>
internal delegate (IReadOnlyList<CartEvent> Into, IReadOnlyList<CartEvent> From) MergeDecision(CartState into, CartState from);

/// <summary>
/// Where carts live (SQL today; a Redis adapter comes with scale-out). The store runs a decision on the
/// cart it loaded and saves the events atomically: concurrent changes of one cart queue up, so none
/// is lost and no owner ever gets a second cart.
/// </summary>
internal interface ICartStore
{
    Task<StoredCart?> FindAsync(CartOwner owner, CancellationToken cancellationToken);

    /// <summary>
    /// Loads the owner's cart (<see cref="CartState.Empty"/> when none), decides and saves. Returns the
    /// cart after the change, null when there is none, or the decision's error (nothing saved).
    /// </summary>
    Task<Result<StoredCart?>> ChangeAsync(CartOwner owner, CartDecision decide, CancellationToken cancellationToken);

    /// <summary>
    /// Once per purchase: records <paramref name="purchaseId"/> for the user <paramref name="owner"/> and,
    /// in the same transaction, decides and saves like <see cref="ChangeAsync"/>. A purchase already
    /// recorded changes nothing and answers false. The decision must not refuse (a refusal is a bug and throws).
    /// </summary>
    Task<bool> ChangeForPurchaseAsync(CartOwner owner, string purchaseId, CartDecision decide, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Decides on both carts at once and saves both or neither; returns the receiving cart.</summary>
    Task<StoredCart?> MergeAsync(CartOwner into, CartOwner from, MergeDecision decide, CancellationToken cancellationToken);

    /// <summary>Deletes every cart whose lifetime ended by <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
