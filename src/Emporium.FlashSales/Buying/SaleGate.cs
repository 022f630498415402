using System.Collections.Concurrent;
using System.Diagnostics;
using Emporium.FlashSales.Sales;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// One sale's gate in this process: the units left and each buyer's count, changed with compare-and-swap
/// only (no lock: 64 threads hammering one sale must not queue behind each other).
/// </summary>
/// <remarks>
/// <para>
/// An attempt first takes one of the buyer's slots, then a unit; if no unit is left it gives the slot
/// back. Each step is a CAS that never passes its bound, so under any interleaving no more than
/// <see cref="FlashSale.Quantity"/> units are out and no buyer holds more than
/// <see cref="FlashSale.PerUserLimit"/>.
/// </para>
/// <para>
/// The price of going lock-free is a transient answer: while one of a buyer's attempts holds a slot it is
/// about to give back (no unit left), a concurrent attempt of the same buyer may hear
/// <see cref="GateOutcome.LimitReached"/> where <see cref="GateOutcome.SoldOut"/> would be exact; and while
/// a unit is on its way back (a claim that could not be stored) another buyer may hear
/// <see cref="GateOutcome.SoldOut"/>. Both are answers the buyer could have heard a moment earlier or later;
/// neither ever lets a unit or a slot be taken twice. Slots are taken before units for this reason: the
/// first transient only misleads the buyer who is racing themself, never a stranger.
/// </para>
/// </remarks>
internal sealed class SaleGate : ISaleGate
{
    private readonly ConcurrentDictionary<string, Slots> _buyers;
    private int _remaining;

    private SaleGate(FlashSale sale, int remaining, ConcurrentDictionary<string, Slots> buyers)
    {
        Sale = sale;
        _remaining = remaining;
        _buyers = buyers;
    }

    public FlashSale Sale { get; }

    public int Remaining => Math.Max(0, Volatile.Read(ref _remaining));

    /// <summary>
    /// The gate of <paramref name="sale"/> given how many units each buyer holds in storage (claims that
    /// are claimed, paying, paid or cancelled). Remaining = quantity − their sum, never below zero.
    /// </summary>
    public static SaleGate Reconcile(FlashSale sale, IEnumerable<KeyValuePair<string, int>> heldByBuyer)
    {
        ArgumentNullException.ThrowIfNull(sale);
        ArgumentNullException.ThrowIfNull(heldByBuyer);
        var buyers = new ConcurrentDictionary<string, Slots>(StringComparer.Ordinal);
        var held = 0;
        foreach (var (userId, count) in heldByBuyer)
        {
            buyers[userId] = new Slots(count);
            held += count;
        }

        return new SaleGate(sale, Math.Max(0, sale.Quantity - held), buyers);
    }

    /// <summary>How many units <paramref name="userId"/> holds according to this gate.</summary>
    public int HeldBy(string userId) => _buyers.TryGetValue(userId, out var slots) ? Volatile.Read(ref slots.Taken) : 0;

    public SalePhase PhaseAt(DateTimeOffset now)
    {
        if (Sale.Status == SaleStatus.Settled || now >= Sale.EndsAt)
        {
            return SalePhase.Ended;
        }

        if (Sale.Status == SaleStatus.Allotting || now < Sale.StartsAt)
        {
            return SalePhase.Scheduled;
        }

        return Remaining == 0 ? SalePhase.SoldOut : SalePhase.Active;
    }

    /// <summary>The attempt of <see cref="ISaleGate.TryTakeAsync"/>, synchronously (it never waits).</summary>
    public GateOutcome TryTake(string userId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(userId);
        switch (PhaseAt(now))
        {
            case SalePhase.Ended:
                return GateOutcome.Ended;
            case SalePhase.Scheduled:
                return GateOutcome.NotStarted;
            case SalePhase.SoldOut:
                // Answered before the buyer's entry is made: after the sell-out, losers cost no memory.
                return GateOutcome.SoldOut;
        }

        var slots = _buyers.GetOrAdd(userId, static _ => new Slots(0));
        if (!TryIncrementBelow(ref slots.Taken, Sale.PerUserLimit))
        {
            return GateOutcome.LimitReached;
        }

        if (!TryDecrementAboveZero(ref _remaining))
        {
            Interlocked.Decrement(ref slots.Taken);
            return GateOutcome.SoldOut;
        }

        return GateOutcome.Claimed;
    }

    ValueTask<GateTake> ISaleGate.TryTakeAsync(string userId, DateTimeOffset now) => ValueTask.FromResult(new GateTake(TryTake(userId, now), 0));

    ValueTask ISaleGate.ReturnAsync(string userId, long epoch)
    {
        Return(userId);
        return ValueTask.CompletedTask;
    }

    /// <summary>Never called: this gate's claims carry epoch 0, which storage does not check.</summary>
    ValueTask ISaleGate.FencedAsync(long epoch) => throw new InvalidOperationException("An in-process gate's claims are never fenced.");

    /// <summary>Gives back a unit <see cref="TryTake"/> took for <paramref name="userId"/>.</summary>
    public void Return(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var slots = _buyers.GetOrAdd(userId, static _ => new Slots(0));
        var taken = Interlocked.Decrement(ref slots.Taken);
        var remaining = Interlocked.Increment(ref _remaining);
        Debug.Assert(taken >= 0, "A unit was given back for a buyer who held none.");
        Debug.Assert(remaining <= Sale.Quantity, "More units were given back than the sale has.");
    }

    private static bool TryIncrementBelow(ref int value, int limit)
    {
        var current = Volatile.Read(ref value);
        while (current < limit)
        {
            var seen = Interlocked.CompareExchange(ref value, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    private static bool TryDecrementAboveZero(ref int value)
    {
        var current = Volatile.Read(ref value);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref value, current - 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>A buyer's count, boxed so it can be changed in place with <see cref="Interlocked"/>.</summary>
    private sealed class Slots(int taken)
    {
        public int Taken = taken;
    }
}
