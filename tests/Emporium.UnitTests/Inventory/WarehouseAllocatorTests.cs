using Emporium.Contracts.Inventory;
using Emporium.Inventory.Reservations.Allocation;
using Emporium.Inventory.Warehouses;

namespace Emporium.UnitTests.Inventory;

public sealed class WarehouseAllocatorTests
{
    // Ids in the opposite order of distance from London, so "nearest" and "lowest id" disagree.
    private static readonly Warehouse Newark = new(1, "Newark", 40.73, -74.17, new HashSet<string> { "US", "GB" });
    private static readonly Warehouse Leipzig = new(2, "Leipzig", 51.34, 12.37, new HashSet<string> { "DE", "GB" });
    private static readonly Warehouse Daventry = new(3, "Daventry", 52.26, -1.16, new HashSet<string> { "GB" });
    private static readonly Warehouse[] All = [Newark, Leipzig, Daventry];
    private static readonly StockDestination London = new("GB", 51.5072, -0.1276);

    private static Dictionary<(string, long), int> Stock(params (string Sku, Warehouse Warehouse, int Available)[] rows) =>
        rows.ToDictionary(r => (r.Sku, r.Warehouse.Id), r => r.Available);

    private static List<(string, long, int)> Allocate(StockDestination destination, Dictionary<(string, long), int> stock, params (string Sku, int Quantity)[] lines)
    {
        var result = WarehouseAllocator.Allocate(lines.Select(l => new ReserveStockLine(l.Sku, l.Quantity)).ToList(), destination, All, stock);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return result.Value.Select(l => (l.SkuId, l.WarehouseId, l.Quantity)).ToList();
    }

    [Fact]
    public void The_nearest_warehouse_that_can_send_the_whole_order_sends_it()
    {
        var stock = Stock(("a", Newark, 5), ("b", Newark, 5), ("a", Leipzig, 5), ("b", Leipzig, 5), ("a", Daventry, 5), ("b", Daventry, 5));

        Allocate(London, stock, ("a", 2), ("b", 1)).ShouldBe([("a", 3L, 2), ("b", 3L, 1)]);
        Allocate(new StockDestination("GB", 40.7, -74.0), stock, ("a", 2), ("b", 1)).ShouldBe([("a", 1L, 2), ("b", 1L, 1)]);
    }

    [Fact]
    public void Without_coordinates_the_lowest_warehouse_id_wins_so_the_choice_is_stable() =>
        Allocate(new StockDestination("GB"), Stock(("a", Daventry, 5), ("a", Leipzig, 5)), ("a", 1)).ShouldBe([("a", 2L, 1)]);

    [Fact]
    public void One_warehouse_for_the_whole_order_beats_nearer_warehouses_for_single_lines() =>
        Allocate(London, Stock(("a", Daventry, 5), ("a", Leipzig, 5), ("b", Leipzig, 5)), ("a", 1), ("b", 1))
            .ShouldBe([("a", 2L, 1), ("b", 2L, 1)]);

    [Fact]
    public void Otherwise_each_line_comes_from_the_nearest_warehouse_that_has_all_of_it() =>
        Allocate(London, Stock(("a", Daventry, 5), ("a", Leipzig, 9), ("b", Newark, 5), ("b", Leipzig, 1)), ("a", 2), ("b", 3))
            .ShouldBe([("a", 3L, 2), ("b", 1L, 3)]);

    [Fact]
    public void A_line_no_single_warehouse_can_fill_is_split_nearest_first() =>
        Allocate(London, Stock(("a", Daventry, 2), ("a", Leipzig, 2), ("a", Newark, 5)), ("a", 6))
            .ShouldBe([("a", 1L, 2), ("a", 2L, 2), ("a", 3L, 2)]);

    [Fact]
    public void Warehouses_that_do_not_ship_to_the_destination_are_never_used()
    {
        var result = WarehouseAllocator.Allocate([new ReserveStockLine("a", 1)], new StockDestination("US"), All, Stock(("a", Leipzig, 50), ("a", Daventry, 50)));

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe("out_of_stock");
        result.Error.Fields!["a"].ShouldBe(["Requested 1, 0 available."]);
    }

    [Fact]
    public void Any_short_line_fails_the_whole_order_and_names_every_short_sku()
    {
        var result = WarehouseAllocator.Allocate(
            [new ReserveStockLine("a", 1), new ReserveStockLine("b", 4), new ReserveStockLine("c", 2)],
            London,
            All,
            Stock(("a", Daventry, 9), ("b", Daventry, 2), ("b", Leipzig, 1), ("c", Newark, -3)));

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(Emporium.BuildingBlocks.Results.ErrorKind.Conflict);
        result.Error.Fields!.Keys.Order(StringComparer.Ordinal).ShouldBe(["b", "c"]);
        result.Error.Fields["b"].ShouldBe(["Requested 4, 3 available."]);
    }

    [Fact]
    public void Great_circle_distances_are_the_textbook_ones()
    {
        GreatCircle.DistanceKm(51.5072, -0.1276, 40.7128, -74.0060).ShouldBe(5570, tolerance: 10);
        GreatCircle.DistanceKm(52.52, 13.405, 52.52, 13.405).ShouldBe(0, tolerance: 1e-9);
        GreatCircle.DistanceKm(0, 0, 0, 180).ShouldBe(Math.PI * 6371.0088, tolerance: 1);
    }
}
