using Emporium.FlashSales.Sales;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// The flash-sale stock gate: per sale, the units left and each buyer's count, changed in one atomic
/// step per attempt. In-process atomics here; a Redis Lua script in the scale-out deployment. Storage is
/// the truth: a sale's gate is built from its stored claims (reconciliation) the first time it is used
/// after start-up, and rebuilt whenever it may have been lost.
/// </summary>
internal interface IStockGate
{
    /// <summary>The sale's gate, loaded from storage on first use; null when no such sale exists.</summary>
    ValueTask<ISaleGate?> FindAsync(long saleId, CancellationToken cancellationToken);

    /// <summary>The sale's gate if it is already loaded; never touches storage (the sold-out fast path).</summary>
    ISaleGate? Loaded(long saleId);

    /// <summary>
    /// Runs <paramref name="giveBack"/>, a storage change that ends claims of the sale and answers whose
    /// they were, and returns one unit per answered buyer to the sale's gate if it is loaded. Serialised
    /// with loading the gate, so each ended claim's unit comes back exactly once: either the gate was
    /// loaded before the change (and gets the unit here) or it is loaded after it (and counts from storage).
    /// Answers how many claims the change ended.
    /// </summary>
    Task<int> GiveBackAsync(long saleId, Func<CancellationToken, Task<IReadOnlyList<string>>> giveBack, CancellationToken cancellationToken);
}

/// <summary>One sale's gate.</summary>
internal interface ISaleGate
{
    FlashSale Sale { get; }

    /// <summary>Units not claimed (approximate while attempts are in flight; never below zero).</summary>
    int Remaining { get; }

    /// <summary>Where the sale stands at <paramref name="now"/>, as buyers see it.</summary>
    SalePhase PhaseAt(DateTimeOffset now);

    /// <summary>
    /// One purchase attempt, atomically: the sale must be open at <paramref name="now"/>, the buyer below
    /// the per-user limit and a unit left; then the unit and one of the buyer's slots are taken.
    /// </summary>
    GateOutcome TryTake(string userId, DateTimeOffset now);

    /// <summary>Gives back a unit <see cref="TryTake"/> took for <paramref name="userId"/> (the claim was not stored, or it expired).</summary>
    void Return(string userId);
}

/// <summary>What one attempt at the gate came to.</summary>
internal enum GateOutcome
{
    Claimed,
    NotStarted,
    Ended,
    SoldOut,
    LimitReached,
}

/// <summary>A sale as buyers see it (<c>GET /api/flash-sales/{saleId}</c>'s <c>status</c>).</summary>
internal enum SalePhase
{
    /// <summary>Before its start (or still being allotted).</summary>
    Scheduled,
    Active,

    /// <summary>Within its window, every unit claimed (units of expired claims may still come back).</summary>
    SoldOut,
    Ended,
}
