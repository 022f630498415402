using System.Globalization;
using Emporium.Inventory.Stock;

namespace Emporium.Inventory.Reservations.Model;

/// <summary>
/// What each reservation event does to stock, one movement per line. The end of a reservation — sale,
/// release or expiry — uses one idempotency key, so the ledger's unique index refuses a second end; a
/// return has a key of its own, so the ledger refuses a second return too.
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
}
