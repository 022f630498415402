namespace Emporium.Contracts.Inventory;

/// <summary>
/// A request to hold stock. <paramref name="Owner"/> says who holds it (<c>checkout:{id}</c>,
/// <c>flash:{claimId}</c>) and is recorded as the actor of its movements. <paramref name="RequestKey"/>
/// makes the request idempotent (derive it from the caller's own id, e.g. the checkout's). The hold
/// lasts <paramref name="Hold"/> from now on the inventory's clock.
/// </summary>
public sealed record ReserveStockRequest(
    string Owner,
    string RequestKey,
    IReadOnlyList<ReserveStockLine> Lines,
    StockDestination Destination,
    TimeSpan Hold);

/// <summary>A quantity of one SKU; the inventory chooses the warehouse(s).</summary>
public sealed record ReserveStockLine(string SkuId, int Quantity);

/// <summary>
/// Where the order goes: only warehouses that ship to <paramref name="Country"/> (ISO 3166-1 alpha-2)
/// are used; with coordinates, the nearest are preferred.
/// </summary>
public sealed record StockDestination(string Country, double? Latitude = null, double? Longitude = null);

public enum ReservationStatus
{
    Pending,
    Committed,
    Released,
    Expired,

    /// <summary>Committed, then given back to stock because its order was cancelled before shipping.</summary>
    Returned,
}

/// <summary>A reservation as it is now: which units are held where, and until when.</summary>
public sealed record StockReservation(
    string ReservationId,
    string Owner,
    ReservationStatus Status,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<ReservedStockLine> Lines);

/// <summary>Units of one SKU held in one warehouse.</summary>
public sealed record ReservedStockLine(string SkuId, string WarehouseId, int Quantity);
