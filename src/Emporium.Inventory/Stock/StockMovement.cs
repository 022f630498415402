namespace Emporium.Inventory.Stock;

/// <summary>Why a stock row changed, as the ledger names it (<c>inventory_movements.kind</c>).</summary>
internal enum MovementKind
{
    /// <summary>Goods arrived: on hand rises.</summary>
    Receipt,

    /// <summary>A count or a mistake put right: on hand rises or falls, never below what is reserved.</summary>
    Correction,

    /// <summary>Units held for a reservation: reserved rises, never above on hand.</summary>
    Reservation,

    /// <summary>A reservation committed (paid): on hand and reserved both fall.</summary>
    Sale,

    /// <summary>A reservation given back: reserved falls.</summary>
    Release,

    /// <summary>A reservation that was never paid: reserved falls.</summary>
    Expiry,

    /// <summary>Sold units put back on the shelf (their order was cancelled before shipping): on hand rises.</summary>
    Return,
}

/// <summary>
/// One change of one stock row, recorded in the ledger with the same deltas. <see cref="IdempotencyKey"/>
/// is unique per stock row, so the same change can never be applied twice.
/// </summary>
internal sealed record StockMovement(
    string SkuId,
    long WarehouseId,
    MovementKind Kind,
    int OnHandDelta,
    int ReservedDelta,
    string Reason,
    string Actor,
    string IdempotencyKey,
    long? ReservationId = null)
{
    public string KindName => Names.Of(Kind);

    public static class Names
    {
        public static string Of(MovementKind kind) => kind switch
        {
            MovementKind.Receipt => "receipt",
            MovementKind.Correction => "correction",
            MovementKind.Reservation => "reservation",
            MovementKind.Sale => "sale",
            MovementKind.Release => "release",
            MovementKind.Expiry => "expiry",
            MovementKind.Return => "return",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown movement kind."),
        };
    }
}

/// <summary>A stock row's figures; what can still be sold is <see cref="Available"/>.</summary>
internal readonly record struct StockFigures(int OnHand, int Reserved)
{
    public int Available => OnHand - Reserved;
}

/// <summary>A movement the ledger accepted, and the stock row's figures after it.</summary>
internal readonly record struct AppliedMovement(long MovementId, StockFigures Figures);
