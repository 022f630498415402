using System.Data.Common;
using Emporium.FlashSales.Sales;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// The flash-sale stock gate: per sale, the units left and each buyer's count, changed in one atomic
/// step per attempt. In-process atomics in the embedded deployment; a Redis Lua script in the scale-out
/// one (Emporium.Adapters.Redis). Storage is the truth: a sale's gate is built from its stored claims
/// (reconciliation) the first time it is used after start-up, and rebuilt whenever it may have been lost.
/// </summary>
internal interface IStockGate
{
    /// <summary>The sale's gate, loaded from storage on first use; null when no such sale exists.</summary>
    ValueTask<ISaleGate?> FindAsync(long saleId, CancellationToken cancellationToken);

    /// <summary>The sale's gate if it is already loaded; never touches storage (the sold-out fast path).</summary>
    ISaleGate? Loaded(long saleId);

    /// <summary>
    /// Runs <paramref name="giveBack"/>, a storage change that ends claims of the sale and answers whose
    /// they were, in a transaction the gate opens, and returns one unit per answered buyer to the sale's gate
    /// if it is loaded. Serialised with loading the gate, so each ended claim's unit comes back exactly once:
    /// either the gate was loaded before the change (and gets the unit here) or it is loaded after it (and
    /// counts from storage). Answers how many claims the change ended.
    /// </summary>
    Task<int> GiveBackAsync(long saleId, GiveBack giveBack, CancellationToken cancellationToken);
}

/// <summary>A storage change that ends claims of a sale in the given transaction and answers whose they were.</summary>
internal delegate Task<IReadOnlyList<string>> GiveBack(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

/// <summary>One sale's gate.</summary>
internal interface ISaleGate
{
    FlashSale Sale { get; }

    /// <summary>
    /// Units not claimed, as this process knows them: exact in process; in a shared gate, as of its last
    /// answer (refreshed by <see cref="IStockGate.FindAsync"/> when older than a moment). Never below zero.
    /// </summary>
    int Remaining { get; }

    /// <summary>Where the sale stands at <paramref name="now"/>, as buyers see it (sold out by <see cref="Remaining"/>).</summary>
    SalePhase PhaseAt(DateTimeOffset now);

    /// <summary>
    /// One purchase attempt, atomically: the sale must be open at <paramref name="now"/>, the buyer below
    /// the per-user limit and a unit left; then the unit and one of the buyer's slots are taken.
    /// </summary>
    ValueTask<GateTake> TryTakeAsync(string userId, DateTimeOffset now);

    /// <summary>
    /// Gives back a unit <see cref="TryTakeAsync"/> took for <paramref name="userId"/> in generation
    /// <paramref name="epoch"/> (the claim was not stored); a unit of a generation the gate has left behind
    /// is not given back (the rebuild already counted it from storage).
    /// </summary>
    ValueTask ReturnAsync(string userId, long epoch);

    /// <summary>
    /// Storage refused a claim granted in generation <paramref name="epoch"/> (a newer one exists, or it
    /// was never committed): the gate must be rebuilt before it grants more from that generation.
    /// </summary>
    ValueTask FencedAsync(long epoch);
}

/// <summary>
/// An attempt's outcome, and the gate generation that granted it: 0 for a gate that lives in one process
/// (never fenced); for a shared gate, the epoch storage checks when the claim is written.
/// </summary>
internal readonly record struct GateTake(GateOutcome Outcome, long Epoch);

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
