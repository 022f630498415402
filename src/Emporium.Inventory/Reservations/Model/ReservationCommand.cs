using Emporium.Contracts.Inventory;

namespace Emporium.Inventory.Reservations.Model;

/// <summary>What a caller (or the expiry sweep) asks of one reservation.</summary>
internal abstract record ReservationCommand
{
    private ReservationCommand()
    {
    }

    /// <summary>Hold <paramref name="Lines"/> (warehouses already chosen) for <paramref name="Owner"/> until <paramref name="ExpiresAt"/>.</summary>
    public sealed record Reserve(string Owner, ReservationLines Lines, DateTimeOffset ExpiresAt) : ReservationCommand;

    /// <summary>Payment captured: sell the held units.</summary>
    public sealed record Commit : ReservationCommand;

    /// <summary>Give the held units back (compensation).</summary>
    public sealed record Release : ReservationCommand;

    /// <summary>Keep holding until <paramref name="Until"/>, if that is later than now planned.</summary>
    public sealed record Extend(DateTimeOffset Until) : ReservationCommand;

    /// <summary>End the reservation if its time is up (the sweep asks this of every due reservation).</summary>
    public sealed record Expire : ReservationCommand;

    /// <summary>
    /// Undo the reservation, whatever it has become, for an order cancelled before shipping: sold units
    /// go back on the shelf, held ones are released.
    /// </summary>
    public sealed record Return : ReservationCommand;

    /// <summary>
    /// Move units this reservation holds — <paramref name="Lines"/>, a quantity per SKU, warehouses taken
    /// in id order — into a new reservation carved from it: a flash sale's allotment handing one buyer's
    /// unit to that buyer's checkout. All lines or none.
    /// </summary>
    public sealed record Carve(IReadOnlyList<ReserveStockLine> Lines) : ReservationCommand;

    /// <summary>A reservation carved from this one gives <paramref name="Lines"/> back: it was released or expired unpaid.</summary>
    public sealed record Refill(ReservationLines Lines) : ReservationCommand;
}
