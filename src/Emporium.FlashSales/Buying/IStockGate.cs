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
}

/// <summary>One sale's gate.</summary>
internal interface ISaleGate
{
    FlashSale Sale { get; }

    /// <summary>Units not claimed (approximate while attempts are in flight; never below zero).</summary>
    int Remaining { get; }
}
