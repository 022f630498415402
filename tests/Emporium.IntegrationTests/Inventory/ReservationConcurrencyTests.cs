using Emporium.Contracts.Inventory;
using Emporium.Inventory.Adjusting;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Many reservations at once against little stock, from several service instances (as several host
/// processes would run them), each reservation on its own connection: no oversell, nothing negative,
/// every refusal a clean "out of stock", and no deadlock.
/// </summary>
public abstract class ReservationConcurrencyTests
{
    protected abstract string Engine { get; }

    private static ReserveStockRequest Request(string owner, IEnumerable<(string Sku, int Quantity)> lines, string country = "US") =>
        new(owner, owner, lines.Select(l => new ReserveStockLine(l.Sku, l.Quantity)).ToList(), new StockDestination(country), TimeSpan.FromMinutes(10));

    private static async Task ReceiveAsync(InventoryBench bench, string sku, long warehouseId, int units)
    {
        var received = await bench.Adjustments.AdjustAsync(new StockAdjustment(sku, warehouseId, units, "delivery", "user:test", $"{sku}-{warehouseId}"), CancellationToken.None);
        received.IsSuccess.ShouldBeTrue(received.Error?.Message);
    }

    /// <summary>Runs <paramref name="count"/> reservations released together; request i goes to instance i mod 4.</summary>
    private static async Task<Emporium.BuildingBlocks.Results.Result<StockReservation>[]> RaceAsync(InventoryBench bench, int count, Func<int, ReserveStockRequest> request)
    {
        var instances = Enumerable.Range(0, 4).Select(_ => bench.AnotherInstance()).ToArray();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await instances[i % instances.Length].ReserveAsync(request(i), CancellationToken.None);
        })).ToArray();
        go.SetResult();
        return await Task.WhenAll(racers);
    }

    [Fact]
    public async Task Five_hundred_concurrent_reservations_for_ten_units_in_two_warehouses_hold_exactly_ten()
    {
        await using var bench = await InventoryBench.StartAsync(Engine);
        await bench.WarehousesAsync((40.7, -74.0, ["US"]), (34.05, -118.24, ["US"]));
        const string Sku = "flash-1";
        await ReceiveAsync(bench, Sku, bench.WarehouseIds[0], 5);
        await ReceiveAsync(bench, Sku, bench.WarehouseIds[1], 5);

        var results = await RaceAsync(bench, 500, i => Request($"flash:{i}", [(Sku, 1)]));

        results.Count(r => r.IsSuccess).ShouldBe(10);
        results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).Distinct().ShouldBe(["out_of_stock"]);
        results.Where(r => r.IsSuccess).SelectMany(r => r.Value.Lines).GroupBy(l => l.WarehouseId).Select(g => g.Sum(l => l.Quantity)).ShouldBe([5, 5]);
        foreach (var warehouseId in bench.WarehouseIds)
        {
            await using var connection = await bench.Database.OpenAsync();
            (await Emporium.Inventory.Stock.StockLedger.FiguresAsync(connection, null, Sku, warehouseId, CancellationToken.None))
                .ShouldBe(new Emporium.Inventory.Stock.StockFigures(5, 5));
        }

        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Concurrent_multi_line_reservations_in_opposite_sku_orders_neither_deadlock_nor_oversell()
    {
        await using var bench = await InventoryBench.StartAsync(Engine);
        await bench.WarehousesAsync((51.5, -0.1, ["GB"]), (53.5, -2.2, ["GB"]));
        string[] skus = ["pair-a", "pair-b", "pair-c"];
        foreach (var sku in skus)
        {
            await ReceiveAsync(bench, sku, bench.WarehouseIds[0], 7);
            await ReceiveAsync(bench, sku, bench.WarehouseIds[1], 4);
        }

        // Each request wants two or three SKUs, listed in an order of its own, 1–3 units each.
        var results = await RaceAsync(bench, 120, i => Request(
            $"checkout:{i}",
            (i % 2 == 0 ? skus : skus.Reverse()).Skip(i % 3 == 0 ? 1 : 0).Select(s => (s, 1 + (i % 3))),
            "GB"));

        results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).Distinct().ShouldBeSubsetOf(["out_of_stock"]);
        var reserved = results.Where(r => r.IsSuccess).SelectMany(r => r.Value.Lines).GroupBy(l => l.SkuId).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        reserved.Values.ShouldAllBe(units => units <= 11);
        reserved.Values.Sum().ShouldBeGreaterThan(20, "most of the stock should have been reserved");
        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }
}

public sealed class SqliteReservationConcurrencyTests : ReservationConcurrencyTests
{
    protected override string Engine => "sqlite";
}

public sealed class PostgresReservationConcurrencyTests : ReservationConcurrencyTests
{
    protected override string Engine => "postgres";
}
