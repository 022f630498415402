using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Inventory;
using Emporium.Inventory.Adjusting;
using Emporium.Inventory.Stock;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Many carves from one source at once, from several service instances (as several host processes would
/// run them), racing each other, carved reservations giving units back, and the source's own release:
/// never more carved than the source holds, every unit in exactly one place, no deadlock.
/// </summary>
public abstract class CarveConcurrencyTests
{
    private const string Sku = "carve-race";

    protected abstract string Engine { get; }

    private static ReserveStockRequest Request(string key, int quantity = 1) =>
        new("checkout:" + key, key, [new ReserveStockLine(Sku, quantity)], new StockDestination("US"), TimeSpan.FromMinutes(10));

    /// <summary>Five units in each of two warehouses, all ten in one allotment.</summary>
    private static async Task<(InventoryBench Bench, string Allotment)> SaleAsync(string engine)
    {
        var bench = await InventoryBench.StartAsync(engine);
        await bench.WarehousesAsync((40.7, -74.0, ["US"]), (34.05, -118.24, ["US"]));
        foreach (var warehouse in bench.WarehouseIds)
        {
            (await bench.Adjustments.AdjustAsync(new StockAdjustment(Sku, warehouse, 5, "delivery", "user:test", $"open-{warehouse}"), CancellationToken.None))
                .IsSuccess.ShouldBeTrue();
        }

        var allotment = await bench.Reservations.ReserveAsync(Request("allotment", 10), CancellationToken.None);
        allotment.IsSuccess.ShouldBeTrue(allotment.Error?.Message);
        return (bench, allotment.Value.ReservationId);
    }

    /// <summary>Runs every operation released together, operation i on instance i mod 4.</summary>
    private static async Task<Result<StockReservation>[]> RaceAsync(InventoryBench bench, IReadOnlyList<Func<IStockReservations, Task<Result<StockReservation>>>> operations)
    {
        var instances = Enumerable.Range(0, 4).Select(_ => bench.AnotherInstance()).ToArray();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = operations.Select((operation, i) => Task.Run(async () =>
        {
            await go.Task;
            return await operation(instances[i % instances.Length]);
        })).ToArray();
        go.SetResult();
        return await Task.WhenAll(racers);
    }

    private static Func<IStockReservations, Task<Result<StockReservation>>> Carve(string source, string key) =>
        r => r.CarveAsync(source, Request(key), CancellationToken.None);

    private static async Task<int> HeldAsync(InventoryBench bench, string reservationId) =>
        (await bench.Reservations.GetAsync(reservationId, CancellationToken.None)).Value.Lines.Sum(l => l.Quantity);

    private static async Task FiguresShouldStayAsync(InventoryBench bench, int reserved)
    {
        await using var connection = await bench.Database.OpenAsync();
        var figures = new List<StockFigures>();
        foreach (var warehouse in bench.WarehouseIds)
        {
            figures.Add(await StockLedger.FiguresAsync(connection, null, Sku, warehouse, CancellationToken.None));
        }

        figures.Sum(f => f.OnHand).ShouldBe(10);
        figures.Sum(f => f.Reserved).ShouldBe(reserved);
    }

    [Fact]
    public async Task Thirty_concurrent_one_unit_carves_from_a_ten_unit_source_carve_exactly_ten()
    {
        var (bench, allotment) = await SaleAsync(Engine);
        await using var _ = bench;

        var results = await RaceAsync(bench, Enumerable.Range(0, 30).Select(i => Carve(allotment, $"claim-{i}")).ToList());

        results.Count(r => r.IsSuccess).ShouldBe(10);
        results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).ShouldBe(Enumerable.Repeat("out_of_stock", 20));
        var carved = results.Where(r => r.IsSuccess).Select(r => r.Value).ToList();
        carved.ShouldAllBe(c => c.Status == ReservationStatus.Pending && c.Lines.Count == 1 && c.Lines[0].Quantity == 1);
        carved.Select(c => c.ReservationId).Distinct().Count().ShouldBe(10);
        carved.GroupBy(c => c.Lines[0].WarehouseId).Select(g => g.Count()).ShouldBe([5, 5]);
        var source = (await bench.Reservations.GetAsync(allotment, CancellationToken.None)).Value;
        source.Status.ShouldBe(ReservationStatus.Pending);
        source.Lines.ShouldBeEmpty();
        await FiguresShouldStayAsync(bench, reserved: 10);
        foreach (var warehouse in bench.WarehouseIds)
        {
            await using var connection = await bench.Database.OpenAsync();
            (await StockLedger.FiguresAsync(connection, null, Sku, warehouse, CancellationToken.None)).ShouldBe(new StockFigures(5, 5));
        }

        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ten_concurrent_carves_with_one_key_carve_one_unit_and_all_answer_the_same_reservation()
    {
        var (bench, allotment) = await SaleAsync(Engine);
        await using var _ = bench;

        var results = await RaceAsync(bench, Enumerable.Range(0, 10).Select(_ => Carve(allotment, "one-key")).ToList());

        results.ShouldAllBe(r => r.IsSuccess);
        results.Select(r => r.Value.ReservationId).Distinct().Count().ShouldBe(1);
        (await HeldAsync(bench, allotment)).ShouldBe(9);
        await FiguresShouldStayAsync(bench, reserved: 10);
        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Carves_racing_releases_of_carved_reservations_keep_every_unit_either_in_the_source_or_in_one_carved_reservation()
    {
        var (bench, allotment) = await SaleAsync(Engine);
        await using var _ = bench;
        var first = await RaceAsync(bench, Enumerable.Range(0, 10).Select(i => Carve(allotment, $"first-{i}")).ToList());
        first.ShouldAllBe(r => r.IsSuccess);

        // Each carved reservation released (its unit goes back into the source) while twenty more carves race for those units.
        var operations = first.Select(r => r.Value.ReservationId)
            .Select(id => (Func<IStockReservations, Task<Result<StockReservation>>>)(r => r.ReleaseAsync(id, CancellationToken.None)))
            .Concat(Enumerable.Range(0, 20).Select(i => Carve(allotment, $"second-{i}")))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();
        var results = await RaceAsync(bench, operations);

        results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).Distinct().ShouldBeSubsetOf(["out_of_stock"]);
        results.Where(r => r.IsSuccess && r.Value.Status == ReservationStatus.Released).Count().ShouldBe(10);
        var second = results.Count(r => r.IsSuccess && r.Value.Status == ReservationStatus.Pending);
        (second + await HeldAsync(bench, allotment)).ShouldBe(10, "each unit is in the source or in exactly one carved reservation");
        await FiguresShouldStayAsync(bench, reserved: 10);
        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Carves_racing_the_sources_release_take_units_only_before_it_and_the_release_gives_back_only_the_rest()
    {
        var (bench, allotment) = await SaleAsync(Engine);
        await using var _ = bench;
        var operations = Enumerable.Range(0, 20).Select(i => Carve(allotment, $"claim-{i}")).ToList();
        operations.Insert(7, r => r.ReleaseAsync(allotment, CancellationToken.None));

        var results = await RaceAsync(bench, operations);

        var carved = results.Count(r => r.IsSuccess && r.Value.ReservationId != allotment);
        results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).Distinct().ShouldBeSubsetOf(["out_of_stock", "reservation_ended"]);
        carved.ShouldBeLessThanOrEqualTo(10);
        var source = (await bench.Reservations.GetAsync(allotment, CancellationToken.None)).Value;
        source.Status.ShouldBe(ReservationStatus.Released);
        (source.Lines.Sum(l => l.Quantity) + carved).ShouldBe(10, "the release gave back what the carves had not taken");
        await FiguresShouldStayAsync(bench, reserved: carved);
        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }
}

public sealed class SqliteCarveConcurrencyTests : CarveConcurrencyTests
{
    protected override string Engine => "sqlite";
}

public sealed class PostgresCarveConcurrencyTests : CarveConcurrencyTests
{
    protected override string Engine => "postgres";
}
