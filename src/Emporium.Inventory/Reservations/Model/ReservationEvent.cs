namespace Emporium.Inventory.Reservations.Model;

/// <summary>What happened to a reservation; the store turns each into rows and movements, <see cref="ReservationState.Evolve"/> into state.</summary>
internal abstract record ReservationEvent
{
    private ReservationEvent()
    {
    }

    public abstract DateTimeOffset At { get; init; }

    public sealed record Reserved(string Owner, ReservationLines Lines, DateTimeOffset ExpiresAt, DateTimeOffset At) : ReservationEvent;

    public sealed record Extended(DateTimeOffset ExpiresAt, DateTimeOffset At) : ReservationEvent;

    public sealed record Committed(DateTimeOffset At) : ReservationEvent;

    public sealed record Released(DateTimeOffset At) : ReservationEvent;

    public sealed record Expired(DateTimeOffset At) : ReservationEvent;

    /// <summary>A committed reservation's units were put back on hand: its order was cancelled before shipping.</summary>
    public sealed record Returned(DateTimeOffset At) : ReservationEvent;

    /// <summary>
    /// <see cref="Lines"/> moved out into a reservation carved from this one. Stock figures do not change:
    /// the units stay reserved, by another reservation.
    /// </summary>
    public sealed record CarvedOut(ReservationLines Lines, DateTimeOffset At) : ReservationEvent;

    /// <summary>A reservation carved from this one gave <see cref="Lines"/> back into it (it was released or expired unpaid).</summary>
    public sealed record Refilled(ReservationLines Lines, DateTimeOffset At) : ReservationEvent;
}
