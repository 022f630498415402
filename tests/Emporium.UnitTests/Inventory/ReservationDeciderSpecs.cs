using Emporium.Inventory.Reservations.Model;
using static Emporium.Inventory.Reservations.Model.ReservationCommand;
using static Emporium.Inventory.Reservations.Model.ReservationEvent;
using static Emporium.UnitTests.Inventory.ReservationSpec;

namespace Emporium.UnitTests.Inventory;

public sealed class ReservationDeciderSpecs
{
    private static readonly DateTimeOffset Later = T0.AddMinutes(5);
    private static readonly DateTimeOffset Due = T0 + Hold;

    [Fact]
    public void Reserving_holds_the_lines_until_the_expiry_and_a_repeat_changes_nothing()
    {
        var spec = new ReservationSpec()
            .When(new Reserve("checkout:42", Lines, Due))
            .Then(new Reserved("checkout:42", Lines, Due, T0));

        spec.When(new Reserve("checkout:42", Lines, Due), Later).ThenNothingChanges();
        spec.State.ShouldBe(new ReservationState.Pending("checkout:42", Lines, Due));
    }

    [Fact]
    public void Given_a_pending_reservation_when_it_is_committed_twice_then_one_Committed_and_then_nothing()
    {
        var spec = new ReservationSpec().Given(ReservedAtT0);

        spec.When(new Commit(), Later).Then(new Committed(Later));
        spec.When(new Commit(), Later.AddMinutes(1)).ThenNothingChanges();

        spec.State.ShouldBe(new ReservationState.Ended("checkout:42", Lines, Due, ReservationEnd.Committed, Later));
    }

    [Fact]
    public void A_reservation_past_its_expiry_cannot_be_committed_or_extended_but_can_be_released()
    {
        new ReservationSpec().Given(ReservedAtT0).When(new Commit(), Due).ThenRejected("reservation_expired");
        new ReservationSpec().Given(ReservedAtT0).When(new Extend(Due.AddHours(1)), Due).ThenRejected("reservation_expired");
        new ReservationSpec().Given(ReservedAtT0).When(new Release(), Due.AddMinutes(1)).Then(new Released(Due.AddMinutes(1)));
    }

    [Fact]
    public void Releasing_is_idempotent_and_a_committed_reservation_cannot_be_released()
    {
        new ReservationSpec().Given(ReservedAtT0)
            .When(new Release(), Later).Then(new Released(Later))
            .When(new Release(), Later).ThenNothingChanges()
            .When(new Commit(), Later).ThenRejected("reservation_ended");

        new ReservationSpec().Given(ReservedAtT0, new Committed(Later))
            .When(new Release(), Later).ThenRejected("reservation_committed");
    }

    [Fact]
    public void Expiry_ends_a_reservation_only_once_its_time_is_up_and_never_one_that_has_ended()
    {
        new ReservationSpec().Given(ReservedAtT0)
            .When(new Expire(), Due - TimeSpan.FromMilliseconds(1)).ThenNothingChanges()
            .When(new Expire(), Due).Then(new Expired(Due))
            .When(new Expire(), Due.AddMinutes(1)).ThenNothingChanges()
            .When(new Release(), Due.AddMinutes(1)).ThenNothingChanges()
            .When(new Commit(), Due.AddMinutes(1)).ThenRejected("reservation_ended");

        new ReservationSpec().Given(ReservedAtT0, new Committed(Later)).When(new Expire(), Due.AddDays(1)).ThenNothingChanges();
        new ReservationSpec().Given(ReservedAtT0, new Released(Later)).When(new Expire(), Due.AddDays(1)).ThenNothingChanges();
    }

    [Fact]
    public void Extending_moves_the_expiry_later_never_earlier_and_a_repeat_changes_nothing()
    {
        var until = Due.AddMinutes(30);
        var spec = new ReservationSpec().Given(ReservedAtT0)
            .When(new Extend(until), Later).Then(new Extended(until, Later))
            .When(new Extend(until), Later).ThenNothingChanges()
            .When(new Extend(Due), Later).ThenNothingChanges();

        spec.State.ShouldBe(new ReservationState.Pending("checkout:42", Lines, until));
        spec.When(new Expire(), Due).ThenNothingChanges().When(new Commit(), Due).Then(new Committed(Due));
        spec.When(new Extend(until.AddHours(1)), Due).ThenRejected("reservation_ended");
    }

    [Fact]
    public void Every_command_but_reserve_on_an_unknown_reservation_is_not_found()
    {
        foreach (ReservationCommand command in new ReservationCommand[] { new Commit(), new Release(), new Extend(Due), new Expire() })
        {
            new ReservationSpec().When(command).ThenRejected("reservation_not_found");
        }
    }

    [Fact]
    public void Whatever_commands_arrive_in_whatever_order_a_reservation_ends_at_most_once()
    {
        var random = new Random(20260301);
        for (var run = 0; run < 2_000; run++)
        {
            var spec = new ReservationSpec().Given(ReservedAtT0);
            var ends = 0;
            var at = T0;
            for (var step = 0; step < 8; step++)
            {
                at = at.AddMinutes(random.Next(0, 6));
                ReservationCommand command = random.Next(4) switch
                {
                    0 => new Commit(),
                    1 => new Release(),
                    2 => new Extend(at.AddMinutes(random.Next(0, 20))),
                    _ => new Expire(),
                };
                var before = spec.State;
                spec.When(command, at);
                if (before is ReservationState.Pending && spec.State is ReservationState.Ended)
                {
                    ends++;
                }

                if (before is ReservationState.Ended)
                {
                    spec.State.ShouldBe(before, $"run {run}: an ended reservation changed on {command}");
                }
            }

            ends.ShouldBeLessThanOrEqualTo(1, $"run {run}");
        }
    }

    [Fact]
    public void Events_that_cannot_follow_the_state_are_bugs_and_throw()
    {
        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(ReservationState.None.Instance, new Committed(T0)));
        var ended = ReservationState.None.Instance.Apply([ReservedAtT0, new Released(Later)]);
        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(ended, new Expired(Due)));
        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(ended, ReservedAtT0));
    }
}
