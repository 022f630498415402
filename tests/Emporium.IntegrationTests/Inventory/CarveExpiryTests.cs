using Dapper;
using Emporium.Contracts.Inventory;
using Emporium.Inventory.Adjusting;
using Emporium.Inventory.Reservations.Model;
using Emporium.Inventory.Stock;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Carved reservations and their source meeting the expiry sweep, on a clock the test moves: a carved
/// reservation that expires while its source is on refills it; once the source's time is up its units
/// go to the shelf, and nothing more is carved from it.
/// </summary>
public abstract class CarveExpiryTests
{
    private const string Sku = "carve-expiry";

    protected abstract string Engine { get; }

    private static ReserveStockRequest Request(string key, int quantity, TimeSpan hold) =>
        new("checkout:" + key, key, [new ReserveStockLine(Sku, quantity)], new StockDestination("US"), hold);

    /// <summary>Five units in one warehouse, all of them in an allotment held for an hour.</summary>
    private static async Task<(InventoryBench Bench, long Warehouse, string Allotment)> SaleAsync(string engine)
    {
        var bench = await InventoryBench.StartAsync(engine);
        await bench.WarehousesAsync((40.7, -74.0, ["US"]));
        var warehouse = bench.WarehouseIds[0];
        (await bench.Adjustments.AdjustAsync(new StockAdjustment(Sku, warehouse, 5, "delivery", "user:test", "open"), CancellationToken.None)).IsSuccess.ShouldBeTrue();
        var allotment = await bench.Reservations.ReserveAsync(Request("allotment", 5, TimeSpan.FromHours(1)), CancellationToken.None);
        allotment.IsSuccess.ShouldBeTrue(allotment.Error?.Message);
        return (bench, warehouse, allotment.Value.ReservationId);
    }

    private static async Task<StockReservation> CarveAsync(InventoryBench bench, string source, string key, int quantity, TimeSpan hold)
    {
        var carved = await bench.Reservations.CarveAsync(source, Request(key, quantity, hold), CancellationToken.None);
        carved.IsSuccess.ShouldBeTrue(carved.Error?.Message);
        return carved.Value;
    }

    private static async Task<StockFigures> FiguresAsync(InventoryBench bench, long warehouse)
    {
        await using var connection = await bench.Database.OpenAsync();
        return await StockLedger.FiguresAsync(connection, null, Sku, warehouse, CancellationToken.None);
    }

    private static async Task<List<(string Kind, long Reserved, string Actor, string Key)>> RefillsAsync(InventoryBench bench)
    {
        await using var connection = await bench.Database.OpenAsync();
        return (await connection.QueryAsync<(string, long, string, string)>(
            "SELECT kind, reserved_delta, actor, idempotency_key FROM inventory_movements WHERE idempotency_key LIKE '%:refill:%' ORDER BY id")).ToList();
    }

    [Fact]
    public async Task A_carved_reservation_that_expires_while_its_source_is_on_refills_the_source_by_the_sweeps_hand()
    {
        var (bench, warehouse, allotment) = await SaleAsync(Engine);
        await using var _ = bench;
        var unpaid = await CarveAsync(bench, allotment, "unpaid", 2, TimeSpan.FromMinutes(10));
        var paid = await CarveAsync(bench, allotment, "paid", 1, TimeSpan.FromMinutes(10));

        bench.Clock.Advance(TimeSpan.FromMinutes(9));
        (await bench.Expiry.SweepAsync(CancellationToken.None)).ShouldBe(0);
        (await bench.Reservations.CommitAsync(paid.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Committed);
        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        (await bench.Reservations.CommitAsync(unpaid.ReservationId, CancellationToken.None)).Error!.Code.ShouldBe("reservation_expired");
        (await bench.Expiry.SweepAsync(CancellationToken.None)).ShouldBe(1);
        (await bench.Expiry.SweepAsync(CancellationToken.None)).ShouldBe(0);

        (await bench.Reservations.GetAsync(unpaid.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Expired);
        var source = (await bench.Reservations.GetAsync(allotment, CancellationToken.None)).Value;
        source.Status.ShouldBe(ReservationStatus.Pending);
        source.Lines.ShouldBe([new(Sku, InventoryApi.Text(warehouse), 4)], "five, less the one sold; the two unpaid are back");
        (await FiguresAsync(bench, warehouse)).ShouldBe(new StockFigures(4, 4));
        (await RefillsAsync(bench)).ShouldBe([("reservation", 2L, ReservationMovements.ExpiryActor, $"reservation:{allotment}:refill:{unpaid.ReservationId}")]);
        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Once_the_sources_time_is_up_nothing_is_carved_from_it_and_a_carved_reservation_released_then_goes_to_the_shelf()
    {
        var (bench, warehouse, allotment) = await SaleAsync(Engine);
        await using var _ = bench;
        bench.Clock.Advance(TimeSpan.FromMinutes(55));
        var late = await CarveAsync(bench, allotment, "late", 2, TimeSpan.FromMinutes(10));

        bench.Clock.Advance(TimeSpan.FromMinutes(5));
        (await bench.Reservations.CarveAsync(allotment, Request("too-late", 1, TimeSpan.FromMinutes(10)), CancellationToken.None)).Error!.Code
            .ShouldBe("reservation_expired");
        bench.Clock.Advance(TimeSpan.FromMinutes(5));
        (await bench.Reservations.ReleaseAsync(late.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Released);

        (await RefillsAsync(bench)).ShouldBeEmpty("the source's time was up, though the sweep had not ended it yet");
        (await bench.Reservations.GetAsync(allotment, CancellationToken.None)).Value.Lines.ShouldBe([new(Sku, InventoryApi.Text(warehouse), 3)]);
        (await FiguresAsync(bench, warehouse)).ShouldBe(new StockFigures(5, 3));
        (await bench.Expiry.SweepAsync(CancellationToken.None)).ShouldBe(1);
        (await bench.Reservations.GetAsync(allotment, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Expired);
        (await FiguresAsync(bench, warehouse)).ShouldBe(new StockFigures(5, 0));
        (await bench.Reservations.CarveAsync(allotment, Request("after", 1, TimeSpan.FromMinutes(10)), CancellationToken.None)).Error!.Code
            .ShouldBe("reservation_ended");
        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_sweep_that_finds_a_carved_reservation_and_its_source_both_due_ends_both_and_every_unit_reaches_the_shelf()
    {
        var (bench, warehouse, allotment) = await SaleAsync(Engine);
        await using var _ = bench;
        bench.Clock.Advance(TimeSpan.FromMinutes(50));
        var carved = await CarveAsync(bench, allotment, "carved", 3, TimeSpan.FromMinutes(15));

        bench.Clock.Advance(TimeSpan.FromMinutes(20));
        (await bench.Expiry.SweepAsync(CancellationToken.None)).ShouldBe(2);

        (await bench.Reservations.GetAsync(allotment, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Expired);
        (await bench.Reservations.GetAsync(carved.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Expired);
        (await FiguresAsync(bench, warehouse)).ShouldBe(new StockFigures(5, 0));
        (await RefillsAsync(bench)).ShouldBeEmpty();
        (await LedgerAssertions.ViolationsAsync(bench.Database)).ShouldBeEmpty();
    }
}

public sealed class SqliteCarveExpiryTests : CarveExpiryTests
{
    protected override string Engine => "sqlite";
}

public sealed class PostgresCarveExpiryTests : CarveExpiryTests
{
    protected override string Engine => "postgres";
}
