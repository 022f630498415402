using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Inventory;
using Emporium.Inventory.Adjusting;
using Emporium.Inventory.Reservations;
using Emporium.Inventory.Stock;
using Emporium.Inventory.Warehouses;

namespace Emporium.UnitTests.Inventory;

/// <summary>Input rules of the inventory's requests: every bad shape is a validation error naming the field.</summary>
public sealed class InventoryInputTests
{
    private static readonly TimeSpan MaxHold = TimeSpan.FromHours(24);

    private static ReserveStockRequest Reserve(params (string Sku, int Quantity)[] lines) =>
        new("checkout:1", "key-1", lines.Select(l => new ReserveStockLine(l.Sku, l.Quantity)).ToList(), new StockDestination("gb"), TimeSpan.FromMinutes(15));

    private static void ShouldFailOn<T>(Result<T> result, string field)
    {
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        result.Error.Fields!.Keys.ShouldContain(field);
    }

    [Fact]
    public void A_reserve_request_merges_lines_of_one_sku_sorts_them_and_upper_cases_the_country()
    {
        var valid = ReserveRequestRules.Validate(Reserve(("b", 1), ("a", 2), ("b", 3)), MaxHold);

        valid.IsSuccess.ShouldBeTrue();
        valid.Value.Lines.ShouldBe([new ReserveStockLine("a", 2), new ReserveStockLine("b", 4)]);
        valid.Value.Destination.Country.ShouldBe("GB");
        valid.Value.Fingerprint.ShouldBe("checkout:1|GB|ax2;bx4");
    }

    [Fact]
    public void Bad_reserve_requests_name_the_field()
    {
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(), MaxHold), "lines");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", 0)), MaxHold), "lines[0].quantity");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", -1)), MaxHold), "lines[0].quantity");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", 10_001)), MaxHold), "lines[0].quantity");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", 6_000), ("a", 6_000)), MaxHold), "lines");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve((" ", 1)), MaxHold), "lines[0].skuId");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", 1)) with { Owner = "" }, MaxHold), "owner");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", 1)) with { RequestKey = new string('k', 201) }, MaxHold), "requestKey");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", 1)) with { Hold = TimeSpan.Zero }, MaxHold), "hold");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", 1)) with { Hold = TimeSpan.FromHours(25) }, MaxHold), "hold");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", 1)) with { Destination = new StockDestination("GBR") }, MaxHold), "destination.country");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", 1)) with { Destination = new StockDestination("GB", 51.5) }, MaxHold), "destination");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(("a", 1)) with { Destination = new StockDestination("GB", 91, 0) }, MaxHold), "destination");
        ShouldFailOn(ReserveRequestRules.Validate(Reserve(Enumerable.Range(0, 101).Select(i => ($"s{i}", 1)).ToArray()), MaxHold), "lines");
    }

    [Fact]
    public void An_adjustment_needs_a_key_a_warehouse_a_nonzero_bounded_delta_and_a_reason()
    {
        var good = new AdjustmentRequest("3", 5, "delivery");
        StockAdjustment.From("sku", "user:1", "k1", good).Value.ShouldBe(new StockAdjustment("sku", 3, 5, "delivery", "user:1", "k1"));

        ShouldFailOn(StockAdjustment.From("sku", "user:1", null, good), "Idempotency-Key");
        ShouldFailOn(StockAdjustment.From("sku", "user:1", new string('k', 101), good), "Idempotency-Key");
        ShouldFailOn(StockAdjustment.From("sku", "user:1", "k1", null), "body");
        ShouldFailOn(StockAdjustment.From("sku", "user:1", "k1", good with { Delta = 0 }), "delta");
        ShouldFailOn(StockAdjustment.From("sku", "user:1", "k1", good with { Delta = null }), "delta");
        ShouldFailOn(StockAdjustment.From("sku", "user:1", "k1", good with { Delta = 1_000_001 }), "delta");
        ShouldFailOn(StockAdjustment.From("sku", "user:1", "k1", good with { Delta = long.MinValue }), "delta");
        ShouldFailOn(StockAdjustment.From("sku", "user:1", "k1", good with { Reason = "  " }), "reason");
        ShouldFailOn(StockAdjustment.From("sku", "user:1", "k1", good with { WarehouseId = null }), "warehouseId");
        StockAdjustment.From("sku", "user:1", "k1", good with { WarehouseId = "north" }).Error!.Code.ShouldBe("unknown_warehouse");
    }

    [Fact]
    public void A_warehouse_needs_a_name_a_position_and_countries_it_ships_to()
    {
        var valid = WarehouseRequest.Validate(new WarehouseRequest(" Leeds ", 53.8, -1.55, ["gb", "GB", "ie"]));
        valid.Value.ShouldBe(valid.Value with { Name = "Leeds", Latitude = 53.8, Longitude = -1.55 });
        valid.Value.ShipsTo.ShouldBe(["GB", "IE"]);

        ShouldFailOn(WarehouseRequest.Validate(new WarehouseRequest("", 0, 0, ["GB"])), "name");
        ShouldFailOn(WarehouseRequest.Validate(new WarehouseRequest("W", 90.5, 0, ["GB"])), "latitude");
        ShouldFailOn(WarehouseRequest.Validate(new WarehouseRequest("W", 0, double.NaN, ["GB"])), "longitude");
        ShouldFailOn(WarehouseRequest.Validate(new WarehouseRequest("W", 0, 0, [])), "shipsTo");
        ShouldFailOn(WarehouseRequest.Validate(new WarehouseRequest("W", 0, 0, ["GBR"])), "shipsTo");
        ShouldFailOn(WarehouseRequest.Validate(null), "body");
    }

    [Fact]
    public void Sku_lock_keys_are_stable_and_tell_skus_apart()
    {
        SkuLocks.KeyOf("123").ShouldBe(SkuLocks.KeyOf("123"));
        Enumerable.Range(0, 10_000).Select(i => SkuLocks.KeyOf(i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Distinct().Count().ShouldBe(10_000);
    }
}
