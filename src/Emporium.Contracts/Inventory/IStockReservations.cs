using Emporium.BuildingBlocks.Results;

namespace Emporium.Contracts.Inventory;

/// <summary>
/// The inventory's reservation operations for other modules (checkout, flash sales). A reservation
/// holds stock for an owner until it is committed (sold), released, or expires; it ends exactly once.
/// Every operation is idempotent: reserve by <see cref="ReserveStockRequest.RequestKey"/>, the others by
/// reservation id, so a caller that retries after a crash never holds or sells a unit twice.
/// </summary>
public interface IStockReservations
{
    /// <summary>
    /// Holds every line or none. Expected failures: <c>validation</c> (400), <c>out_of_stock</c> (409; its
    /// fields name each short SKU), <c>idempotency_key_reused</c> (422: the key was used for another request).
    /// A repeated request with the same key answers the reservation it made, as it is now.
    /// </summary>
    Task<Result<StockReservation>> ReserveAsync(ReserveStockRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Moves units that the pending reservation <paramref name="sourceReservationId"/> holds into a new
    /// reservation (the same warehouses; the request's destination is not used), for a flash sale whose
    /// allotment is one reservation and whose buyers pay one unit at a time. Stock levels do not change.
    /// The new reservation is committed, extended and returned like any other; released or expired while
    /// its source is still pending, it gives its units back to the source instead of the shelf.
    /// Idempotent by <see cref="ReserveStockRequest.RequestKey"/>. Expected failures: <c>validation</c> (400),
    /// <c>reservation_not_found</c> (404), <c>reservation_ended</c> / <c>reservation_expired</c> (409: the
    /// source no longer holds stock), <c>out_of_stock</c> (409: the source holds fewer units than asked),
    /// <c>idempotency_key_reused</c> (422).
    /// </summary>
    Task<Result<StockReservation>> CarveAsync(string sourceReservationId, ReserveStockRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Payment captured: the held units leave the shelf (on hand and reserved both drop). Committing a
    /// committed reservation changes nothing; a released or expired one is <c>reservation_ended</c> (409),
    /// a pending one past its expiry <c>reservation_expired</c> (409).
    /// </summary>
    Task<Result<StockReservation>> CommitAsync(string reservationId, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the held units back (compensation). Releasing a released or expired reservation changes
    /// nothing; a committed one is <c>reservation_committed</c> (409).
    /// </summary>
    Task<Result<StockReservation>> ReleaseAsync(string reservationId, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a pending reservation until <paramref name="until"/> (never shortens it; at most
    /// the inventory's maximum hold from now). Ended or expired: <c>reservation_ended</c> / <c>reservation_expired</c> (409).
    /// </summary>
    Task<Result<StockReservation>> ExtendAsync(string reservationId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes a reservation whatever it has become, for an order cancelled before it shipped: a committed
    /// one has its units put back on hand in the warehouses they were taken from and becomes
    /// <see cref="ReservationStatus.Returned"/>; a pending one is released; a released, expired or returned
    /// one is answered unchanged. <c>reservation_not_found</c> (404) for an unknown id.
    /// </summary>
    Task<Result<StockReservation>> ReturnAsync(string reservationId, CancellationToken cancellationToken);

    /// <summary>The reservation as it is now; <c>reservation_not_found</c> (404) for an unknown id.</summary>
    Task<Result<StockReservation>> GetAsync(string reservationId, CancellationToken cancellationToken);
}
