using System.Collections.Concurrent;
using System.Globalization;
using Emporium.FlashSales.Buying;
using Emporium.FlashSales.Sales;

namespace Emporium.UnitTests.FlashSales.Buying;

/// <summary>
/// The in-process gate's one atomic step: never more units out than the sale has, never a buyer above the
/// limit, however many threads try at once; units given back are sold again; the window is respected.
/// </summary>
public sealed class SaleGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset During = Start.AddMinutes(1);

    internal static FlashSale Sale(int quantity, int perUserLimit, SaleStatus status = SaleStatus.Open) => new(
        7, "sku-1", 500, "USD", quantity, perUserLimit, "US", Start, Start.AddMinutes(10), Start.AddMinutes(50), null, status, "allotment-1");

    private static SaleGate Gate(int quantity, int perUserLimit, params (string User, int Held)[] held) =>
        SaleGate.Reconcile(Sale(quantity, perUserLimit), held.Select(h => KeyValuePair.Create(h.User, h.Held)));

    [Theory]
    [InlineData(100, 2)]
    [InlineData(1_000, 3)]
    [InlineData(1, 1)]
    public void Sixty_four_threads_over_a_thousand_buyers_take_exactly_the_quantity_and_no_buyer_passes_the_limit(int quantity, int perUserLimit)
    {
        var gate = Gate(quantity, perUserLimit);
        var claims = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new ConcurrentDictionary<GateOutcome, int>();
        OnThreads(64, thread =>
        {
            for (var attempt = 0; attempt < 2_000; attempt++)
            {
                // Threads walk the buyers in different orders, so the same buyer is often raced from several threads.
                var user = "buyer-" + ((attempt * 7 + thread * 13) % 1_000).ToString(CultureInfo.InvariantCulture);
                var outcome = gate.TryTake(user, During);
                outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                if (outcome == GateOutcome.Claimed)
                {
                    claims.AddOrUpdate(user, 1, (_, n) => n + 1);
                }
            }
        });

        claims.Values.Sum().ShouldBe(quantity);
        claims.Values.ShouldAllBe(n => n <= perUserLimit);
        gate.Remaining.ShouldBe(0);
        outcomes.Keys.ShouldBeSubsetOf([GateOutcome.Claimed, GateOutcome.SoldOut, GateOutcome.LimitReached]);
        foreach (var (user, count) in claims)
        {
            gate.HeldBy(user).ShouldBe(count);
        }
    }

    [Fact]
    public void Units_and_slots_taken_and_given_back_concurrently_never_exceed_the_quantity_or_the_limit()
    {
        const int Quantity = 50;
        var gate = Gate(Quantity, perUserLimit: 2);
        var held = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var maxOut = 0;
        var outNow = 0;

        OnThreads(64, thread =>
        {
            for (var attempt = 0; attempt < 5_000; attempt++)
            {
                var user = "buyer-" + ((attempt + thread * 31) % 200).ToString(CultureInfo.InvariantCulture);
                if (gate.TryTake(user, During) != GateOutcome.Claimed)
                {
                    continue;
                }

                var mine = held.AddOrUpdate(user, 1, (_, n) => n + 1);
                mine.ShouldBeLessThanOrEqualTo(2);
                var total = Interlocked.Increment(ref outNow);
                InterlockedMax(ref maxOut, total);

                // Half the claims are "not stored" or expire: the unit and the slot go back.
                if (attempt % 2 == 0)
                {
                    held.AddOrUpdate(user, 0, (_, n) => n - 1);
                    Interlocked.Decrement(ref outNow);
                    gate.Return(user);
                }
            }
        });

        maxOut.ShouldBeLessThanOrEqualTo(Quantity);
        held.Values.Sum().ShouldBe(Quantity - gate.Remaining);
        held.Values.ShouldAllBe(n => n >= 0 && n <= 2);
    }

    [Fact]
    public void A_unit_given_back_is_sold_again_and_the_buyer_may_claim_again()
    {
        var gate = Gate(1, perUserLimit: 1);
        gate.TryTake("ann", During).ShouldBe(GateOutcome.Claimed);
        gate.TryTake("bob", During).ShouldBe(GateOutcome.SoldOut);
        gate.PhaseAt(During).ShouldBe(SalePhase.SoldOut);

        gate.Return("ann");

        gate.Remaining.ShouldBe(1);
        gate.HeldBy("ann").ShouldBe(0);
        gate.PhaseAt(During).ShouldBe(SalePhase.Active);
        gate.TryTake("ann", During).ShouldBe(GateOutcome.Claimed);
        gate.TryTake("ann", During).ShouldBe(GateOutcome.SoldOut);
    }

    [Fact]
    public void A_buyer_at_the_limit_hears_so_while_units_are_left()
    {
        var gate = Gate(10, perUserLimit: 2);
        gate.TryTake("ann", During).ShouldBe(GateOutcome.Claimed);
        gate.TryTake("ann", During).ShouldBe(GateOutcome.Claimed);
        gate.TryTake("ann", During).ShouldBe(GateOutcome.LimitReached);
        gate.TryTake("bob", During).ShouldBe(GateOutcome.Claimed);
        gate.Remaining.ShouldBe(7);
    }

    [Fact]
    public void Reconciliation_counts_what_buyers_hold_in_storage()
    {
        var gate = Gate(5, 2, ("ann", 2), ("bob", 1));

        gate.Remaining.ShouldBe(2);
        gate.TryTake("ann", During).ShouldBe(GateOutcome.LimitReached);
        gate.TryTake("bob", During).ShouldBe(GateOutcome.Claimed);
        gate.TryTake("cy", During).ShouldBe(GateOutcome.Claimed);
        gate.TryTake("dee", During).ShouldBe(GateOutcome.SoldOut);
    }

    [Fact]
    public void More_held_in_storage_than_the_quantity_leaves_nothing_rather_than_a_negative_count()
    {
        var gate = Gate(2, 5, ("ann", 3));

        gate.Remaining.ShouldBe(0);
        gate.TryTake("bob", During).ShouldBe(GateOutcome.SoldOut);
    }

    [Fact]
    public void Claims_are_taken_only_within_the_window_of_an_open_sale()
    {
        var gate = Gate(5, 1);
        gate.TryTake("ann", Start.AddTicks(-1)).ShouldBe(GateOutcome.NotStarted);
        gate.PhaseAt(Start.AddTicks(-1)).ShouldBe(SalePhase.Scheduled);
        gate.TryTake("ann", Start).ShouldBe(GateOutcome.Claimed);
        gate.TryTake("bob", Start.AddMinutes(10).AddTicks(-1)).ShouldBe(GateOutcome.Claimed);
        gate.TryTake("cy", Start.AddMinutes(10)).ShouldBe(GateOutcome.Ended);
        gate.PhaseAt(Start.AddMinutes(10)).ShouldBe(SalePhase.Ended);
        gate.Remaining.ShouldBe(3);
    }

    [Fact]
    public void A_sale_still_being_allotted_has_not_started_and_a_settled_one_has_ended()
    {
        var allotting = SaleGate.Reconcile(Sale(5, 1, SaleStatus.Allotting), []);
        var settled = SaleGate.Reconcile(Sale(5, 1, SaleStatus.Settled), []);

        allotting.TryTake("ann", During).ShouldBe(GateOutcome.NotStarted);
        allotting.PhaseAt(During).ShouldBe(SalePhase.Scheduled);
        settled.TryTake("ann", During).ShouldBe(GateOutcome.Ended);
        settled.PhaseAt(During).ShouldBe(SalePhase.Ended);
        (allotting.Remaining, settled.Remaining).ShouldBe((5, 5));
    }

    [Fact]
    public void An_ended_sale_says_ended_even_when_sold_out()
    {
        var gate = Gate(1, 1);
        gate.TryTake("ann", During).ShouldBe(GateOutcome.Claimed);

        gate.PhaseAt(Start.AddMinutes(10)).ShouldBe(SalePhase.Ended);
        gate.TryTake("bob", Start.AddMinutes(10)).ShouldBe(GateOutcome.Ended);
    }

    /// <summary>
    /// Runs <paramref name="body"/> on <paramref name="count"/> threads of their own (the pool would add
    /// threads slowly on a small machine), released together; rethrows the first failure.
    /// </summary>
    private static void OnThreads(int count, Action<int> body)
    {
        using var start = new Barrier(count);
        var failures = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, count).Select(index => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                body(index);
            }
            catch (Exception exception)
            {
                failures.Enqueue(exception);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        if (failures.TryDequeue(out var failure))
        {
            throw new AggregateException(failure);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
