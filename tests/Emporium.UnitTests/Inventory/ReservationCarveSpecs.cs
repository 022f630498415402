using Emporium.Contracts.Inventory;
using Emporium.Inventory.Reservations.Model;
using static Emporium.Inventory.Reservations.Model.ReservationCommand;
using static Emporium.Inventory.Reservations.Model.ReservationEvent;
using static Emporium.UnitTests.Inventory.ReservationSpec;

namespace Emporium.UnitTests.Inventory;

/// <summary>
/// Carving units out of a pending reservation (a flash sale's allotment) and refilling it when a carved
/// reservation gives them up: what the decider says, Given/When/Then.
/// </summary>
public sealed class ReservationCarveSpecs
{
    private static readonly DateTimeOffset Later = T0.AddMinutes(5);
    private static readonly DateTimeOffset Due = T0 + Hold;

    private static ReservationLines L(params (string Sku, long Warehouse, int Quantity)[] lines) =>
        ReservationLines.Of(lines.Select(l => new ReservationLine(l.Sku, l.Warehouse, l.Quantity)));

    private static Carve CarveOf(params (string Sku, int Quantity)[] lines) => new(lines.Select(l => new ReserveStockLine(l.Sku, l.Quantity)).ToList());

    [Fact]
    public void Given_a_pending_reservation_when_units_are_carved_then_CarvedOut_and_it_holds_the_rest_until_the_same_expiry()
    {
        var spec = new ReservationSpec().Given(ReservedAtT0);

        spec.When(CarveOf(("SKU-A", 2)), Later).Then(new CarvedOut(L(("SKU-A", 1, 2)), Later));

        spec.State.ShouldBe(new ReservationState.Pending("checkout:42", L(("SKU-A", 1, 1), ("SKU-B", 2, 1)), Due));
    }

    [Fact]
    public void A_carve_takes_a_sku_from_its_warehouses_in_id_order_and_splits_when_one_has_too_few()
    {
        var spec = new ReservationSpec().Given(new Reserved("flash-sale:1", L(("X", 7, 2), ("X", 3, 1), ("X", 5, 1), ("Y", 1, 4)), Due, T0));

        spec.When(CarveOf(("X", 2), ("Y", 1)), Later).Then(new CarvedOut(L(("X", 3, 1), ("X", 5, 1), ("Y", 1, 1)), Later));
        spec.When(CarveOf(("X", 1)), Later).Then(new CarvedOut(L(("X", 7, 1)), Later));

        spec.State.ShouldBe(new ReservationState.Pending("flash-sale:1", L(("X", 7, 1), ("Y", 1, 3)), Due), "emptied lines go; the rest stay");
    }

    [Fact]
    public void A_carve_asking_for_more_than_is_held_is_out_of_stock_naming_each_short_sku_and_changes_nothing()
    {
        var spec = new ReservationSpec().Given(ReservedAtT0);

        spec.When(CarveOf(("SKU-A", 4), ("SKU-B", 1), ("SKU-C", 1)), Later).ThenRejected("out_of_stock");

        spec.State.ShouldBe(ReservationState.None.Instance.Apply([ReservedAtT0]), "all or nothing: SKU-B fitted, but nothing was carved");
        var refusal = ReservationDecider.Decide(CarveOf(("SKU-A", 4), ("SKU-B", 1), ("SKU-C", 1)), spec.State, Later).Error!;
        refusal.Fields!.Keys.ShouldBe(["SKU-A", "SKU-C"], ignoreOrder: true);
        refusal.Fields["SKU-A"].ShouldBe(["Requested 4, 3 held."]);
        refusal.Kind.ShouldBe(Emporium.BuildingBlocks.Results.ErrorKind.Conflict);
    }

    [Fact]
    public void The_same_sku_asked_twice_is_one_wish_and_cannot_take_a_unit_twice()
    {
        new ReservationSpec().Given(ReservedAtT0).When(CarveOf(("SKU-B", 1), ("SKU-B", 1)), Later).ThenRejected("out_of_stock");
        new ReservationSpec().Given(ReservedAtT0).When(CarveOf(("SKU-A", 1), ("SKU-A", 2)), Later).Then(new CarvedOut(L(("SKU-A", 1, 3)), Later));
    }

    [Fact]
    public void Carving_everything_leaves_a_pending_reservation_that_holds_nothing_and_can_still_end()
    {
        var spec = new ReservationSpec().Given(ReservedAtT0)
            .When(CarveOf(("SKU-A", 3), ("SKU-B", 1)), Later).Then(new CarvedOut(Lines, Later))
            .When(CarveOf(("SKU-A", 1)), Later).ThenRejected("out_of_stock");

        spec.State.ShouldBe(new ReservationState.Pending("checkout:42", ReservationLines.Empty, Due));
        spec.When(new Release(), Later).Then(new Released(Later));
        ReservationMovements.For(1, new ReservationState.Pending("checkout:42", ReservationLines.Empty, Due), new Released(Later)).ShouldBeEmpty();
    }

    [Fact]
    public void Nothing_is_carved_from_a_reservation_that_ended_or_whose_time_is_up_or_that_does_not_exist()
    {
        new ReservationSpec().Given(ReservedAtT0).When(CarveOf(("SKU-A", 1)), Due).ThenRejected("reservation_expired");
        new ReservationSpec().Given(ReservedAtT0, new Committed(Later)).When(CarveOf(("SKU-A", 1)), Later).ThenRejected("reservation_ended");
        new ReservationSpec().Given(ReservedAtT0, new Released(Later)).When(CarveOf(("SKU-A", 1)), Later).ThenRejected("reservation_ended");
        new ReservationSpec().Given(ReservedAtT0, new Expired(Due)).When(CarveOf(("SKU-A", 1)), Due).ThenRejected("reservation_ended");
        new ReservationSpec().Given(ReservedAtT0, new Committed(Later), new Returned(Due)).When(CarveOf(("SKU-A", 1)), Due).ThenRejected("reservation_ended");
        new ReservationSpec().When(CarveOf(("SKU-A", 1))).ThenRejected("reservation_not_found");
    }

    [Fact]
    public void Given_a_carved_source_when_a_carved_reservation_gives_its_units_back_then_the_source_holds_them_again()
    {
        var spec = new ReservationSpec().Given(ReservedAtT0, new CarvedOut(L(("SKU-A", 1, 3)), Later));

        spec.When(new Refill(L(("SKU-A", 1, 2))), Later.AddMinutes(1)).Then(new Refilled(L(("SKU-A", 1, 2)), Later.AddMinutes(1)));

        spec.State.ShouldBe(new ReservationState.Pending("checkout:42", L(("SKU-A", 1, 2), ("SKU-B", 2, 1)), Due), "the emptied line is back");
    }

    [Fact]
    public void A_source_that_ended_or_whose_time_is_up_takes_nothing_back_so_the_units_go_to_the_shelf()
    {
        var given = L(("SKU-A", 1, 1));
        new ReservationSpec().Given(ReservedAtT0).When(new Refill(given), Due).ThenNothingChanges();
        new ReservationSpec().Given(ReservedAtT0, new Released(Later)).When(new Refill(given), Later).ThenNothingChanges();
        new ReservationSpec().Given(ReservedAtT0, new Committed(Later)).When(new Refill(given), Later).ThenNothingChanges();
        new ReservationSpec().Given(ReservedAtT0, new Expired(Due)).When(new Refill(given), Due).ThenNothingChanges();
    }

    [Fact]
    public void A_release_or_an_expiry_of_a_pending_reservation_gives_its_lines_back_a_sale_or_an_ended_one_gives_nothing()
    {
        var pending = ReservationState.None.Instance.Apply([ReservedAtT0]);
        var released = pending.Apply([new Released(Later)]);

        ReservationDecider.GivenBack(pending, [new Released(Later)]).ShouldBe(Lines);
        ReservationDecider.GivenBack(pending, [new Expired(Due)]).ShouldBe(Lines);
        ReservationDecider.GivenBack(pending, [new Committed(Later)]).ShouldBe(ReservationLines.Empty);
        ReservationDecider.GivenBack(pending, [new Extended(Due.AddHours(1), Later)]).ShouldBe(ReservationLines.Empty);
        ReservationDecider.GivenBack(released, []).ShouldBe(ReservationLines.Empty);
    }

    [Fact]
    public void Carving_more_than_is_held_or_touching_an_ended_reservation_is_a_bug_and_throws()
    {
        var pending = ReservationState.None.Instance.Apply([ReservedAtT0]);
        var ended = pending.Apply([new Committed(Later)]);

        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(pending, new CarvedOut(L(("SKU-B", 2, 2)), Later)));
        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(pending, new CarvedOut(L(("SKU-B", 9, 1)), Later)));
        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(ended, new CarvedOut(L(("SKU-A", 1, 1)), Later)));
        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(ended, new Refilled(L(("SKU-A", 1, 1)), Later)));
        Should.Throw<InvalidReservationTransitionException>(() => ReservationState.Evolve(ReservationState.None.Instance, new Refilled(L(("SKU-A", 1, 1)), Later)));
    }
}
