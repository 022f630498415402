using Emporium.Inventory.Reservations.Model;
using Emporium.Inventory.Stock;
using static Emporium.UnitTests.Inventory.ReservationSpec;

namespace Emporium.UnitTests.Inventory;

public sealed class ReservationMovementsTests
{
    private static readonly ReservationState Pending = ReservationState.None.Instance.Apply([ReservedAtT0]);

    [Fact]
    public void Reserving_raises_reserved_per_line_in_sku_then_warehouse_order()
    {
        var movements = ReservationMovements.For(7, ReservationState.None.Instance, ReservedAtT0);

        movements.Select(m => (m.SkuId, m.WarehouseId, m.Kind, m.OnHandDelta, m.ReservedDelta)).ShouldBe(
        [
            ("SKU-A", 1L, MovementKind.Reservation, 0, 3),
            ("SKU-B", 2L, MovementKind.Reservation, 0, 1),
        ]);
        movements.ShouldAllBe(m => m.Actor == "checkout:42" && m.ReservationId == 7 && m.IdempotencyKey == "reservation:7:hold");
    }

    [Fact]
    public void A_sale_takes_the_units_off_the_shelf_and_out_of_reserved()
    {
        ReservationMovements.For(7, Pending, new ReservationEvent.Committed(T0))
            .Select(m => (m.SkuId, m.Kind, m.OnHandDelta, m.ReservedDelta))
            .ShouldBe([("SKU-A", MovementKind.Sale, -3, -3), ("SKU-B", MovementKind.Sale, -1, -1)]);
    }

    [Fact]
    public void Release_and_expiry_only_give_the_reserved_units_back_and_expiry_is_the_systems_act()
    {
        ReservationMovements.For(7, Pending, new ReservationEvent.Released(T0))
            .Select(m => (m.Kind, m.OnHandDelta, m.ReservedDelta, m.Actor))
            .ShouldBe([(MovementKind.Release, 0, -3, "checkout:42"), (MovementKind.Release, 0, -1, "checkout:42")]);
        ReservationMovements.For(7, Pending, new ReservationEvent.Expired(T0))
            .Select(m => (m.Kind, m.OnHandDelta, m.ReservedDelta, m.Actor))
            .ShouldBe([(MovementKind.Expiry, 0, -3, ReservationMovements.ExpiryActor), (MovementKind.Expiry, 0, -1, ReservationMovements.ExpiryActor)]);
    }

    [Fact]
    public void Every_way_of_ending_shares_one_idempotency_key_so_the_ledger_refuses_a_second_end()
    {
        ReservationEvent[] ends = [new ReservationEvent.Committed(T0), new ReservationEvent.Released(T0), new ReservationEvent.Expired(T0)];

        ends.SelectMany(e => ReservationMovements.For(7, Pending, e)).Select(m => m.IdempotencyKey).Distinct().ShouldBe(["reservation:7:end"]);
    }

    [Fact]
    public void Extending_moves_no_stock() =>
        ReservationMovements.For(7, Pending, new ReservationEvent.Extended(T0.AddHours(1), T0)).ShouldBeEmpty();

    [Fact]
    public void Lines_are_merged_per_sku_and_warehouse_sorted_and_compared_by_content()
    {
        var lines = ReservationLines.Of([new("b", 2, 1), new("a", 9, 1), new("b", 1, 4), new("a", 9, 2), new("B", 1, 1)]);

        lines.Select(l => (l.SkuId, l.WarehouseId, l.Quantity)).ShouldBe([("B", 1L, 1), ("a", 9L, 3), ("b", 1L, 4), ("b", 2L, 1)]);
        lines.ShouldBe(ReservationLines.Of([new("b", 1, 4), new("b", 2, 1), new("a", 9, 3), new("B", 1, 1)]));
        lines.SkuIds.ShouldBe(["B", "a", "b"]);
    }
}
