using System.Globalization;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Inventory;
using static Emporium.Inventory.Reservations.Model.ReservationCommand;
using static Emporium.Inventory.Reservations.Model.ReservationEvent;
using static Emporium.Inventory.Reservations.Model.ReservationState;

namespace Emporium.Inventory.Reservations.Model;

/// <summary>
/// The reservation's rules as one pure function. No events means nothing changes: that is how a
/// repeated commit, release, expiry or return is answered, so every operation is idempotent by
/// reservation id, a reservation ends exactly once, and a sold one is returned at most once. Carving
/// moves units a pending reservation holds into a new one; that one's release or expiry refills its
/// source while the source is on (<see cref="Refill"/>).
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

            // Carving needs stock the reservation still holds: not after it ended, nor once its time is up.
            (Carve, Pending pending) when pending.IsDueAt(now) => Errors.Expired,
            (Carve carve, Pending pending) => Take(carve.Lines, pending.Lines, now),
            (Carve, Ended ended) => Errors.EndedAs(ended.How),

            // A carved reservation's units go back into its source while the source still holds stock (the
            // sale is on); a source that ended, or whose time is up, takes nothing: the units go to the shelf.
            (Refill, Pending pending) when pending.IsDueAt(now) => Ok(NoChange),
            (Refill refill, Pending) => Ok([new Refilled(refill.Lines, now)]),
            (Refill, Ended) => Ok(NoChange),

            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown reservation command."),
        };
    }

    /// <summary>
    /// The units <paramref name="events"/> hand back from a reservation in state <paramref name="before"/>:
    /// a pending one's lines when it is released or expires (a sale hands nothing back). A carved
    /// reservation offers them to its source (<see cref="Refill"/>); otherwise they go to the shelf.
    /// </summary>
    public static ReservationLines GivenBack(ReservationState before, IReadOnlyList<ReservationEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return before is Pending pending && events.Any(e => e is Released or Expired) ? pending.Lines : ReservationLines.Empty;
    }

    /// <summary>
    /// Each wanted SKU's units from the held lines of that SKU, warehouses in id order (the held lines'
    /// own order), split across warehouses when one has too few. All or nothing: a short SKU refuses the lot.
    /// </summary>
    private static Result<IReadOnlyList<ReservationEvent>> Take(IReadOnlyList<ReserveStockLine> wanted, ReservationLines held, DateTimeOffset now)
    {
        var taken = new List<ReservationLine>();
        var shortages = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var want in wanted.GroupBy(l => l.SkuId, StringComparer.Ordinal).Select(g => new ReserveStockLine(g.Key, g.Sum(l => l.Quantity))))
        {
            var remaining = want.Quantity;
            foreach (var line in held.Where(l => l.SkuId == want.SkuId))
            {
                var take = Math.Min(remaining, line.Quantity);
                if (take > 0)
                {
                    taken.Add(line with { Quantity = take });
                    remaining -= take;
                }
            }

            if (remaining > 0)
            {
                shortages[want.SkuId] = [string.Create(CultureInfo.InvariantCulture, $"Requested {want.Quantity}, {want.Quantity - remaining} held.")];
            }
        }

        return shortages.Count == 0 ? Ok([new CarvedOut(ReservationLines.Of(taken), now)]) : Errors.Short(shortages);
    }

    // Result's implicit conversion cannot apply to an interface type, hence the explicit wrap.
    private static Result<IReadOnlyList<ReservationEvent>> Ok(IReadOnlyList<ReservationEvent> events) => Result<IReadOnlyList<ReservationEvent>>.Success(events);

    /// <summary>The expected failures, with stable codes callers (checkout) branch on.</summary>
    internal static class Errors
    {
        public static readonly Error NotFound = Error.NotFound("reservation_not_found", "No such reservation.");

        public static readonly Error Expired = new(ErrorKind.Conflict, "reservation_expired", "The reservation's time ran out; its units are being given back.");

        public static readonly Error Committed = new(ErrorKind.Conflict, "reservation_committed", "The reservation was committed: its units are sold.");

        /// <summary>A carve asked for more than the reservation holds; its fields name each short SKU.</summary>
        public static Error Short(IReadOnlyDictionary<string, string[]> shortages) =>
            new(ErrorKind.Conflict, "out_of_stock", "The reservation holds fewer units than asked; nothing was carved.") { Fields = shortages };

        public static Error EndedAs(ReservationEnd how) =>
            new(ErrorKind.Conflict, "reservation_ended", $"The reservation has ended ({how.ToString().ToLowerInvariant()}).");
    }
}
