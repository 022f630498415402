using Emporium.Inventory.Reservations.Model;
using Emporium.Inventory.Stock;
using static Emporium.Inventory.Reservations.Model.ReservationCommand;
using static Emporium.Inventory.Reservations.Model.ReservationEvent;
using static Emporium.UnitTests.Inventory.ReservationSpec;

namespace Emporium.UnitTests.Inventory;

/// <summary>Returning a reservation for an order cancelled before shipping: what it decides, and what it moves.</summary>
public sealed class ReservationReturnSpecs
{
    private static readonly DateTimeOffset Later = T0.AddMinutes(5);
    private static readonly DateTimeOffset Due = T0 + Hold;

    [Fact]
    public void Given_a_committed_reservation_when_it_is_returned_twice_then_one_Returned_and_then_nothing()
    {
        var spec = new ReservationSpec().Given(ReservedAtT0, new Committed(Later));

        spec.When(new Return(), Due.AddDays(2)).Then(new Returned(Due.AddDays(2)));
        spec.When(new Return(), Due.AddDays(3)).ThenNothingChanges();

        spec.State.ShouldBe(new ReservationState.Ended("checkout:42", Lines, Due, ReservationEnd.Returned, Later), "a return keeps when it ended");
    }

    [Fact]
    public void Returning_a_pending_reservation_releases_it_even_past_its_expiry()
    {
        new ReservationSpec().Given(ReservedAtT0).When(new Return(), Later).Then(new Released(Later));
        new ReservationSpec().Given(ReservedAtT0).When(new Return(), Due.AddMinutes(1)).Then(new Released(Due.AddMinutes(1)));
    }

    [Fact]
    public void Returning_a_released_or_expired_reservation_changes_nothing_and_unknown_is_not_found()
    {
        new ReservationSpec().Given(ReservedAtT0, new Released(Later)).When(new Return(), Due).ThenNothingChanges();
        new ReservationSpec().Given(ReservedAtT0, new Expired(Due)).When(new Return(), Due).ThenNothingChanges();
        new ReservationSpec().When(new Return()).ThenRejected("reservation_not_found");
    }

    [Fact]
    public void A_returned_reservation_cannot_be_committed_or_extended_and_releasing_or_expiring_it_changes_nothing()
    {
        var returned = new ReservationSpec().Given(ReservedAtT0, new Committed(Later), new Returned(Due));

        returned.When(new Commit(), Due).ThenRejected("reservation_ended");
        returned.When(new Extend(Due.AddHours(1)), Later).ThenRejected("reservation_ended");
        returned.When(new Release(), Due).ThenNothingChanges();
        returned.When(new Expire(), Due.AddDays(1)).ThenNothingChanges();
    }

    [Fact]
    public void Only_a_committed_reservation_can_be_returned_any_other_Returned_is_a_bug()
    {
        var pending = ReservationState.None.Instance.Apply([ReservedAtT0]);
        var released = pending.Apply([new Released(Later)]);
        var returned = pending.Apply([new Committed(Later), new Returned(Due)]);

        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(pending, new Returned(Due)));
        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(released, new Returned(Due)));
        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(returned, new Returned(Due)));
    }

    [Fact]
    public void A_return_puts_each_sold_line_back_on_hand_in_its_warehouse_under_a_key_of_its_own()
    {
        var sold = ReservationState.None.Instance.Apply([ReservedAtT0, new Committed(Later)]);

        var movements = ReservationMovements.For(7, sold, new Returned(Due));

        movements.Select(m => (m.SkuId, m.WarehouseId, m.Kind, m.OnHandDelta, m.ReservedDelta)).ShouldBe(
        [
            ("SKU-A", 1L, MovementKind.Return, 3, 0),
            ("SKU-B", 2L, MovementKind.Return, 1, 0),
        ]);
        movements.ShouldAllBe(m => m.Actor == "checkout:42" && m.ReservationId == 7 && m.IdempotencyKey == "reservation:7:return" && m.KindName == "return");
    }

    [Fact]
    public void Whatever_commands_arrive_in_whatever_order_units_are_sold_at_most_once_and_returned_at_most_once()
    {
        var random = new Random(20260602);
        for (var run = 0; run < 2_000; run++)
        {
            var spec = new ReservationSpec().Given(ReservedAtT0);
            var (sales, returns) = (0, 0);
            var at = T0;
            for (var step = 0; step < 10; step++)
            {
                at = at.AddMinutes(random.Next(0, 6));
                ReservationCommand command = random.Next(5) switch
                {
                    0 => new Commit(),
                    1 => new Release(),
                    2 => new Extend(at.AddMinutes(random.Next(0, 20))),
                    3 => new Return(),
                    _ => new Expire(),
                };
                var before = spec.State;
                var movements = Decided(before, command, at).SelectMany(e => ReservationMovements.For(1, before, e)).ToList();
                spec.When(command, at);
                sales += movements.Count(m => m.Kind == MovementKind.Sale);
                returns += movements.Count(m => m.Kind == MovementKind.Return);
            }

            sales.ShouldBeLessThanOrEqualTo(Lines.Count, $"run {run}");
            returns.ShouldBeLessThanOrEqualTo(sales, $"run {run}: more returned than sold");
            if (spec.State is ReservationState.Ended { How: ReservationEnd.Returned })
            {
                returns.ShouldBe(Lines.Count, $"run {run}");
            }
        }
    }

    private static IReadOnlyList<ReservationEvent> Decided(ReservationState state, ReservationCommand command, DateTimeOffset at)
    {
        var decision = ReservationDecider.Decide(command, state, at);
        return decision.IsSuccess ? decision.Value : [];
    }
}
