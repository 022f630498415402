using System.Globalization;
using Emporium.Inventory.Stock;

namespace Emporium.Inventory.Reservations.Model;

/// <summary>
/// What each reservation event does to stock, one movement per line. The end of a reservation — sale,
/// release or expiry — uses one idempotency key, so the ledger's unique index refuses a second end; a
/// return has a key of its own, so the ledger refuses a second return too. Carving and refilling move
/// units between two reservations: a release on one and a reservation on the other, on the same stock
/// row, so the figures do not change and the ledger still adds up to them.
/// </summary>
internal static class ReservationMovements
{
    public const string ExpiryActor = "system:expiry";

    public static IReadOnlyList<StockMovement> For(long reservationId, ReservationState before, ReservationEvent @event)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(@event);
        var id = reservationId.ToString(CultureInfo.InvariantCulture);
        var hold = $"reservation:{id}:hold";
        var end = $"reservation:{id}:end";
        var giveBack = $"reservation:{id}:return";
        return (before, @event) switch
        {
            (_, ReservationEvent.Reserved r) => Each(r.Lines, q => (MovementKind.Reservation, 0, q, "reserved", r.Owner, hold)),
            (ReservationState.Pending p, ReservationEvent.Committed) => Each(p.Lines, q => (MovementKind.Sale, -q, -q, "sold", p.Owner, end)),
            (ReservationState.Pending p, ReservationEvent.Released) => Each(p.Lines, q => (MovementKind.Release, 0, -q, "released", p.Owner, end)),
            (ReservationState.Pending p, ReservationEvent.Expired) => Each(p.Lines, q => (MovementKind.Expiry, 0, -q, "expired unpaid", ExpiryActor, end)),
            (ReservationState.Ended { How: ReservationEnd.Committed } e, ReservationEvent.Returned) =>
                Each(e.Lines, q => (MovementKind.Return, q, 0, "returned: order cancelled", e.Owner, giveBack)),
            (_, ReservationEvent.Extended) => [],
            _ => throw new InvalidReservationTransitionException(before, @event),
        };

        IReadOnlyList<StockMovement> Each(ReservationLines lines, Func<int, (MovementKind Kind, int OnHand, int Reserved, string Reason, string Actor, string Key)> movement) =>
            lines.Select(line =>
            {
                var m = movement(line.Quantity);
                return new StockMovement(line.SkuId, line.WarehouseId, m.Kind, m.OnHand, m.Reserved, m.Reason, m.Actor, m.Key, reservationId);
            }).ToList();
    }

    /// <summary>
    /// <paramref name="carved"/>'s units leave reservation <paramref name="sourceId"/> for the new reservation
    /// <paramref name="childId"/> (<paramref name="owner"/>'s): per line, the source's release, then the
    /// child's hold. In that order: the hold's "enough available" check passes because the release came first,
    /// even when every unit on the shelf is reserved.
    /// </summary>
    public static IReadOnlyList<StockMovement> Carve(long sourceId, long childId, string owner, ReservationEvent.CarvedOut carved)
    {
        ArgumentNullException.ThrowIfNull(carved);
        var (source, child) = (Id(sourceId), Id(childId));
        return carved.Lines.SelectMany(line => new[]
        {
            new StockMovement(line.SkuId, line.WarehouseId, MovementKind.Release, 0, -line.Quantity, $"carved into reservation {child}", owner, $"reservation:{source}:carve:{child}", sourceId),
            new StockMovement(line.SkuId, line.WarehouseId, MovementKind.Reservation, 0, line.Quantity, $"carved from reservation {source}", owner, $"reservation:{child}:hold", childId),
        }).ToList();
    }

    /// <summary>
    /// Reservation <paramref name="sourceId"/> holds <paramref name="refilled"/>'s units again, given back by
    /// <paramref name="childId"/>; the child's own release or expiry (<see cref="For"/>) comes first.
    /// </summary>
    public static IReadOnlyList<StockMovement> Refill(long sourceId, long childId, string actor, ReservationEvent.Refilled refilled)
    {
        ArgumentNullException.ThrowIfNull(refilled);
        var (source, child) = (Id(sourceId), Id(childId));
        return refilled.Lines
            .Select(line => new StockMovement(
                line.SkuId, line.WarehouseId, MovementKind.Reservation, 0, line.Quantity, $"given back by reservation {child}", actor, $"reservation:{source}:refill:{child}", sourceId))
            .ToList();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
