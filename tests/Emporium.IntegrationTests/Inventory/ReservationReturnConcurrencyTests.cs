using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Inventory;
using Emporium.Inventory.Adjusting;
using Emporium.Inventory.Stock;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Returns racing each other and the saga's own compensations, from several service instances (as
/// several host processes would run them): units go back on hand once, and the ledger still balances.
/// </summary>
public abstract class ReservationReturnConcurrencyTests
{
    protected abstract string Engine { get; }

    private static async Task<StockReservation> ReserveAsync(InventoryBench bench, string key, params (string Sku, int Quantity)[] lines)
    {
        var result = await bench.Reservations.ReserveAsync(
            new ReserveStockRequest("checkout:" + key, key, lines.Select(l => new ReserveStockLine(l.Sku, l.Quantity)).ToList(), new StockDestination("FR"), TimeSpan.FromMinutes(10)),
            CancellationToken.None);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }

    private static async Task<Dictionary<(string Sku, long Warehouse), StockFigures>> FiguresAsync(InventoryBench bench, params string[] skus)
    {
        await using var connection = await bench.Database.OpenAsync();
        var figures = new Dictionary<(string, long), StockFigures>();
        foreach (var sku in skus)
        {
            foreach (var warehouse in bench.WarehouseIds)
            {
                figures[(sku, warehouse)] = await StockLedger.FiguresAsync(connection, null, sku, warehouse, CancellationToken.None);
            }
        }

        return figures;
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

    private static async Task<InventoryBench> StockedBenchAsync(string engine)
    {
        var bench = await InventoryBench.StartAsync(engine);
        await bench.WarehousesAsync((48.85, 2.35, ["FR"]), (45.76, 4.84, ["FR"]));
        foreach (var (sku, warehouse, units) in new[] { ("ret-a", 0, 3), ("ret-a", 1, 4), ("ret-b", 0, 2) })
        {
            var received = await bench.Adjustments.AdjustAsync(
                new StockAdjustment(sku, bench.WarehouseIds[warehouse], units, "delivery", "user:test", $"{sku}-{warehouse}"), CancellationToken.None);
            received.IsSuccess.ShouldBeTrue(received.Error?.Message);
        }

        return bench;
    }

    [Fact]
    public async Task Ten_concurrent_returns_of_one_committed_reservation_put_its_units_back_once()
    {
        await using var bench = await StockedBenchAsync(Engine);
        var before = await FiguresAsync(bench, "ret-a", "ret-b");
        var sold = await ReserveAsync(bench, "sold", ("ret-a", 5), ("ret-b", 2));
        (await bench.Reservations.CommitAsync(sold.ReservationId, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        var results = await RaceAsync(bench, Enumerable.Range(0, 10)
            .Select(_ => (Func<IStockReservations, Task<Result<StockReservation>>>)(r => r.ReturnAsync(sold.ReservationId, CancellationToken.None)))
            .ToList());

        results.ShouldAllBe(r => r.IsSuccess && r.Value.Status == ReservationStatus.Returned);
        (await FiguresAsync(bench, "ret-a", "ret-b")).ShouldBe(before);
        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Returns_racing_commits_and_releases_of_the_same_reservations_give_every_unit_back_once()
    {
        await using var bench = await StockedBenchAsync(Engine);
        var before = await FiguresAsync(bench, "ret-a", "ret-b");
        var held = new List<StockReservation>();
        for (var i = 0; i < 4; i++)
        {
            held.Add(i % 2 == 0
                ? await ReserveAsync(bench, $"race-{i}", ("ret-a", 1))
                : await ReserveAsync(bench, $"race-{i}", ("ret-a", 1), ("ret-b", 1)));
        }

        // Per reservation: returns, commits and releases in an order of their own.
        var operations = new List<Func<IStockReservations, Task<Result<StockReservation>>>>();
        foreach (var reservation in held)
        {
            var id = reservation.ReservationId;
            operations.Add(r => r.CommitAsync(id, CancellationToken.None));
            operations.Add(r => r.ReturnAsync(id, CancellationToken.None));
            operations.Add(r => r.ReleaseAsync(id, CancellationToken.None));
            operations.Add(r => r.ReturnAsync(id, CancellationToken.None));
            operations.Add(r => r.CommitAsync(id, CancellationToken.None));
        }

        var results = await RaceAsync(bench, operations);

        // Each reservation is returned twice: one that was sold first is returned, any other was released.
        // Either way every unit is back where it was, and nothing is held.
        results.Where(r => !r.IsSuccess).Select(r => r.Error!.Code).Distinct()
            .ShouldBeSubsetOf(["reservation_ended", "reservation_committed"]);
        foreach (var reservation in held)
        {
            (await bench.Reservations.GetAsync(reservation.ReservationId, CancellationToken.None)).Value.Status
                .ShouldBeOneOf(ReservationStatus.Released, ReservationStatus.Returned);
        }

        (await FiguresAsync(bench, "ret-a", "ret-b")).ShouldBe(before);
        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }
}

public sealed class SqliteReservationReturnConcurrencyTests : ReservationReturnConcurrencyTests
{
    protected override string Engine => "sqlite";
}

public sealed class PostgresReservationReturnConcurrencyTests : ReservationReturnConcurrencyTests
{
    protected override string Engine => "postgres";
}
