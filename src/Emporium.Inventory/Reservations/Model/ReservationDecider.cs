using Emporium.BuildingBlocks.Results;
using static Emporium.Inventory.Reservations.Model.ReservationCommand;
using static Emporium.Inventory.Reservations.Model.ReservationEvent;
using static Emporium.Inventory.Reservations.Model.ReservationState;

namespace Emporium.Inventory.Reservations.Model;

/// <summary>
/// The reservation's rules as one pure function. No events means nothing changes: that is how a
/// repeated commit, release, expiry or return is answered, so every operation is idempotent by
/// reservation id, a reservation ends exactly once, and a sold one is returned at most once.
/// </summary>
internal static class ReservationDecider
{
    private static readonly IReadOnlyList<ReservationEvent> NoChange = [];

    public static Result<IReadOnlyList<ReservationEvent>> Decide(ReservationCommand command, ReservationState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        return (command, state) switch
        {
            (Reserve reserve, None) => Ok([new Reserved(reserve.Owner, reserve.Lines, reserve.ExpiresAt, now)]),
            (Reserve, _) => Ok(NoChange), // a repeated request: the store answers the reservation it made
            (_, None) => Errors.NotFound,

            (Commit, Pending pending) when pending.IsDueAt(now) => Errors.Expired,
            (Commit, Pending) => Ok([new Committed(now)]),
            (Commit, Ended { How: ReservationEnd.Committed }) => Ok(NoChange),
            (Commit, Ended ended) => Errors.EndedAs(ended.How),

            // Releasing after the expiry is still a release: the units go back either way.
            (Release, Pending) => Ok([new Released(now)]),
            (Release, Ended { How: ReservationEnd.Committed }) => Errors.Committed,
            (Release, Ended) => Ok(NoChange),

            (Extend, Pending pending) when pending.IsDueAt(now) => Errors.Expired,
            (Extend extend, Pending pending) => Ok(extend.Until > pending.ExpiresAt ? [new Extended(extend.Until, now)] : NoChange),
            (Extend, Ended ended) => Errors.EndedAs(ended.How),

            (Expire, Pending pending) => Ok(pending.IsDueAt(now) ? [new Expired(now)] : NoChange),
            (Expire, Ended) => Ok(NoChange),

            // A cancelled order undoes whatever its reservation became; a replay finds it undone.
            (Return, Pending) => Ok([new Released(now)]),
            (Return, Ended { How: ReservationEnd.Committed }) => Ok([new Returned(now)]),
            (Return, Ended) => Ok(NoChange),

            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown reservation command."),
        };
    }

    // Result's implicit conversion cannot apply to an interface type, hence the explicit wrap.
    private static Result<IReadOnlyList<ReservationEvent>> Ok(IReadOnlyList<ReservationEvent> events) => Result<IReadOnlyList<ReservationEvent>>.Success(events);

    /// <summary>The expected failures, with stable codes callers (checkout) branch on.</summary>
    internal static class Errors
    {
        public static readonly Error NotFound = Error.NotFound("reservation_not_found", "No such reservation.");

        public static readonly Error Expired = new(ErrorKind.Conflict, "reservation_expired", "The reservation's time ran out; its units are being given back.");

        public static readonly Error Committed = new(ErrorKind.Conflict, "reservation_committed", "The reservation was committed: its units are sold.");

        public static Error EndedAs(ReservationEnd how) =>
            new(ErrorKind.Conflict, "reservation_ended", $"The reservation has ended ({how.ToString().ToLowerInvariant()}).");
    }
}
