using Emporium.Contracts.Inventory;
using Emporium.Inventory.Reservations.Model;
using Emporium.Inventory.Stock;
using static Emporium.Inventory.Reservations.Model.ReservationCommand;
using static Emporium.Inventory.Reservations.Model.ReservationEvent;
using static Emporium.UnitTests.Inventory.ReservationSpec;

namespace Emporium.UnitTests.Inventory;

/// <summary>What carving and refilling move in the ledger, and a random flash sale that must conserve every unit.</summary>
public sealed class ReservationCarveMovementsTests
{
    private static ReservationLines L(params (string Sku, long Warehouse, int Quantity)[] lines) =>
        ReservationLines.Of(lines.Select(l => new ReservationLine(l.Sku, l.Warehouse, l.Quantity)));

    [Fact]
    public void A_carve_releases_each_line_from_the_source_then_holds_it_for_the_carved_reservation_so_no_figure_changes()
    {
        var movements = ReservationMovements.Carve(7, 12, "checkout:c1", new CarvedOut(L(("SKU-A", 1, 1), ("SKU-A", 3, 2)), T0));

        movements.Select(m => (m.SkuId, m.WarehouseId, m.Kind, m.OnHandDelta, m.ReservedDelta, m.ReservationId, m.IdempotencyKey)).ShouldBe(
        [
            ("SKU-A", 1L, MovementKind.Release, 0, -1, (long?)7, "reservation:7:carve:12"),
            ("SKU-A", 1L, MovementKind.Reservation, 0, 1, (long?)12, "reservation:12:hold"),
            ("SKU-A", 3L, MovementKind.Release, 0, -2, (long?)7, "reservation:7:carve:12"),
            ("SKU-A", 3L, MovementKind.Reservation, 0, 2, (long?)12, "reservation:12:hold"),
        ]);
        movements.ShouldAllBe(m => m.Actor == "checkout:c1");
        movements.Select(m => m.Reason).Distinct().ShouldBe(["carved into reservation 12", "carved from reservation 7"]);
    }

    [Fact]
    public void A_refill_holds_the_units_for_the_source_again_under_a_key_naming_the_carved_reservation()
    {
        var movements = ReservationMovements.Refill(7, 12, ReservationMovements.ExpiryActor, new Refilled(L(("SKU-A", 3, 2)), T0));

        movements.Select(m => (m.SkuId, m.WarehouseId, m.Kind, m.OnHandDelta, m.ReservedDelta, m.ReservationId, m.IdempotencyKey, m.Actor)).ShouldBe(
            [("SKU-A", 3L, MovementKind.Reservation, 0, 2, (long?)7, "reservation:7:refill:12", ReservationMovements.ExpiryActor)]);
    }

    [Fact]
    public void In_any_random_flash_sale_every_unit_is_held_once_sold_or_on_the_shelf_and_the_ledger_agrees()
    {
        var random = new Random(20260610);
        var original = L(("X", 1, 3), ("X", 2, 2));
        for (var run = 0; run < 2_000; run++)
        {
            var sale = new FlashSale(original);
            var at = T0;
            for (var step = 0; step < 25; step++)
            {
                at = at.AddMinutes(random.Next(0, 3));
                var child = sale.Children.Count > 0 ? random.Next(sale.Children.Count) : -1;
                switch (random.Next(8))
                {
                    case < 3:
                        sale.Carve(random.Next(1, 3), at);
                        break;
                    case 3 when child >= 0:
                        sale.Change(child, new Release(), at);
                        break;
                    case 4 when child >= 0:
                        sale.Change(child, new Expire(), at);
                        break;
                    case 5 when child >= 0:
                        sale.Change(child, new Commit(), at);
                        break;
                    case 6 when child >= 0:
                        sale.Change(child, new Return(), at);
                        break;
                    case 7 when random.Next(4) == 0:
                        sale.EndSource(random.Next(2) == 0 ? new Release() : new Expire(), at);
                        break;
                }

                sale.Check($"run {run} step {step}");
            }
        }
    }

    /// <summary>
    /// One allotment and the reservations carved from it, driven through the decider the way the store
    /// drives it, with the ledger's reserved and on-hand deltas and where every unit went.
    /// </summary>
    private sealed class FlashSale(ReservationLines original)
    {
        private const long SourceId = 1;
        private readonly Dictionary<(string, long), int> _reserved = original.ToDictionary(l => (l.SkuId, l.WarehouseId), l => l.Quantity);
        private readonly Dictionary<(string, long), int> _onHand = original.ToDictionary(l => (l.SkuId, l.WarehouseId), l => l.Quantity);
        private ReservationState _source = ReservationState.None.Instance.Apply([new Reserved("flash-sale:1", original, T0 + Hold, T0)]);

        public List<ReservationState> Children { get; } = [];

        public void Carve(int units, DateTimeOffset at)
        {
            var decision = ReservationDecider.Decide(new ReservationCommand.Carve([new ReserveStockLine("X", units)]), _source, at);
            if (!decision.IsSuccess)
            {
                decision.Error!.Code.ShouldBeOneOf("out_of_stock", "reservation_expired", "reservation_ended");
                return;
            }

            var carved = (CarvedOut)decision.Value.Single();
            carved.Lines.Sum(l => l.Quantity).ShouldBe(units);
            var childId = SourceId + 1 + Children.Count;
            Apply(ReservationMovements.Carve(SourceId, childId, "checkout:" + childId, carved));
            _source = _source.Apply(decision.Value);
            Children.Add(ReservationState.None.Instance.Apply([new Reserved("checkout:" + childId, carved.Lines, at.AddMinutes(10), at)]));
        }

        public void Change(int index, ReservationCommand command, DateTimeOffset at)
        {
            var before = Children[index];
            var decision = ReservationDecider.Decide(command, before, at);
            if (!decision.IsSuccess)
            {
                return;
            }

            var childId = SourceId + 1 + index;
            foreach (var @event in decision.Value)
            {
                Apply(ReservationMovements.For(childId, before, @event));
            }

            var givenBack = ReservationDecider.GivenBack(before, decision.Value);
            if (givenBack.Count > 0)
            {
                var refill = ReservationDecider.Decide(new Refill(givenBack), _source, at).Value;
                foreach (var refilled in refill.OfType<Refilled>())
                {
                    Apply(ReservationMovements.Refill(SourceId, childId, "test", refilled));
                }

                _source = _source.Apply(refill);
            }

            Children[index] = before.Apply(decision.Value);
        }

        public void EndSource(ReservationCommand command, DateTimeOffset at)
        {
            var decision = ReservationDecider.Decide(command, _source, at).Value;
            foreach (var @event in decision)
            {
                Apply(ReservationMovements.For(SourceId, _source, @event));
            }

            _source = _source.Apply(decision);
        }

        /// <summary>Reserved is what the pending reservations hold; on hand is the original less what is sold (and not returned); nothing negative.</summary>
        public void Check(string where)
        {
            var all = new[] { _source }.Concat(Children).ToList();
            var held = Sum(all.OfType<ReservationState.Pending>().SelectMany(p => p.Lines));
            var sold = Sum(all.OfType<ReservationState.Ended>().Where(e => e.How == ReservationEnd.Committed).SelectMany(e => e.Lines));

            foreach (var line in original)
            {
                var key = (line.SkuId, line.WarehouseId);
                _reserved[key].ShouldBe(held.GetValueOrDefault(key), $"{where}: reserved {key}");
                _onHand[key].ShouldBe(line.Quantity - sold.GetValueOrDefault(key), $"{where}: on hand {key} (returned units are back)");
                _reserved[key].ShouldBeInRange(0, _onHand[key], where);
            }
        }

        private static Dictionary<(string, long), int> Sum(IEnumerable<ReservationLine> lines) =>
            lines.GroupBy(l => (l.SkuId, l.WarehouseId)).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));

        private void Apply(IEnumerable<StockMovement> movements)
        {
            foreach (var movement in movements)
            {
                var key = (movement.SkuId, movement.WarehouseId);
                _reserved[key] += movement.ReservedDelta;
                _onHand[key] += movement.OnHandDelta;
                (_reserved[key] >= 0 && _reserved[key] <= _onHand[key]).ShouldBeTrue($"movement {movement} broke 0 <= reserved <= on hand");
            }
        }
    }
}
