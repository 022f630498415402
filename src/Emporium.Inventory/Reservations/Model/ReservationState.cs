namespace Emporium.Inventory.Reservations.Model;

/// <summary>How a reservation ended; it ends exactly once.</summary>
internal enum ReservationEnd
{
    Committed,
    Released,
    Expired,

    /// <summary>Committed, then its units were put back on hand (the order was cancelled before shipping).</summary>
    Returned,
}

/// <summary>A reservation's state: a closed hierarchy, changed only by <see cref="Evolve"/>.</summary>
internal abstract record ReservationState
{
    private ReservationState()
    {
    }

    /// <summary>No such reservation.</summary>
    public sealed record None : ReservationState
    {
        public static readonly None Instance = new();
    }

    /// <summary>
    /// Holding <see cref="Lines"/> until <see cref="ExpiresAt"/>. Carving moves lines out (a line that drops
    /// to nothing goes), a carved reservation's refill brings them back; a pending reservation may hold nothing.
    /// </summary>
    public sealed record Pending(string Owner, ReservationLines Lines, DateTimeOffset ExpiresAt) : ReservationState
    {
        /// <summary>Past its expiry a pending reservation can no longer be committed or extended, only released or expired.</summary>
        public bool IsDueAt(DateTimeOffset now) => now >= ExpiresAt;
    }

    /// <summary>
    /// Over: the units were sold (and maybe returned later), given back, or given back because nobody paid
    /// in time. <see cref="At"/> is when it ended; a return keeps it.
    /// </summary>
    public sealed record Ended(string Owner, ReservationLines Lines, DateTimeOffset ExpiresAt, ReservationEnd How, DateTimeOffset At) : ReservationState;

    public ReservationState Apply(IEnumerable<ReservationEvent> events) => events.Aggregate(this, Evolve);

    public static ReservationState Evolve(ReservationState state, ReservationEvent @event) => (state, @event) switch
    {
        (None, ReservationEvent.Reserved reserved) => new Pending(reserved.Owner, reserved.Lines, reserved.ExpiresAt),
        (Pending pending, ReservationEvent.Extended extended) => pending with { ExpiresAt = extended.ExpiresAt },
        (Pending pending, ReservationEvent.Committed committed) => EndedAs(pending, ReservationEnd.Committed, committed.At),
        (Pending pending, ReservationEvent.Released released) => EndedAs(pending, ReservationEnd.Released, released.At),
        (Pending pending, ReservationEvent.Expired expired) => EndedAs(pending, ReservationEnd.Expired, expired.At),
        (Ended { How: ReservationEnd.Committed } sold, ReservationEvent.Returned) => sold with { How = ReservationEnd.Returned },
        (Pending pending, ReservationEvent.CarvedOut carved) when pending.Lines.Holds(carved.Lines) => pending with { Lines = pending.Lines.Minus(carved.Lines) },
        (Pending pending, ReservationEvent.Refilled refilled) => pending with { Lines = pending.Lines.Plus(refilled.Lines) },
        _ => throw new InvalidReservationTransitionException(state, @event),
    };

    private static Ended EndedAs(Pending pending, ReservationEnd how, DateTimeOffset at) => new(pending.Owner, pending.Lines, pending.ExpiresAt, how, at);
}

/// <summary>An event that cannot follow the state it was applied to: a bug in a decision, never user input.</summary>
internal sealed class InvalidReservationTransitionException(ReservationState state, ReservationEvent @event)
    : InvalidOperationException($"{@event.GetType().Name} cannot follow a reservation in state {state.GetType().Name}.");
