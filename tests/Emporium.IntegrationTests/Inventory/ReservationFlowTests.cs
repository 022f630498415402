using Emporium.Contracts.Catalog;
using Emporium.Contracts.Inventory;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Reservations as checkout and flash sales use them (through <see cref="IStockReservations"/>), seen
/// through the seller's stock view, <see cref="IInventoryReader"/>, and the catalog's in-stock flag.
/// </summary>
public abstract class ReservationFlowTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;
    private readonly IStockReservations _reservations = fixture.App.Services.GetRequiredService<IStockReservations>();

    private static ReserveStockRequest Request(string key, StockDestination destination, params (string Sku, int Quantity)[] lines) =>
        new("checkout:" + key, key, lines.Select(l => new ReserveStockLine(l.Sku, l.Quantity)).ToList(), destination, TimeSpan.FromMinutes(15));

    private async Task<StockReservation> ReserveAsync(ReserveStockRequest request)
    {
        var result = await _reservations.ReserveAsync(request, CancellationToken.None);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }

    [Fact]
    public async Task A_reservation_holds_units_in_the_nearest_warehouse_that_ships_there_and_a_commit_sells_them()
    {
        var seller = await TestUsers.SellerAsync(_app);
        var admin = (await TestUsers.AdminAsync(_app)).Client;
        var skus = await InventoryApi.SellerSkusAsync(_app, seller.Client, variants: 2);
        var london = await InventoryApi.WarehouseAsync(admin, 51.5, -0.12, "GB");
        var berlin = await InventoryApi.WarehouseAsync(admin, 52.52, 13.4, "DE", "GB");
        foreach (var (sku, warehouse) in new[] { (skus[0], london), (skus[1], london), (skus[0], berlin), (skus[1], berlin) })
        {
            await InventoryApi.ReceiveAsync(seller.Client, sku, warehouse, 5);
        }

        var toHamburg = await ReserveAsync(Request(Guid.NewGuid().ToString("N"), new StockDestination("gb", 53.55, 9.99), (skus[0], 2), (skus[1], 1)));
        var toManchester = await ReserveAsync(Request(Guid.NewGuid().ToString("N"), new StockDestination("GB", 53.48, -2.24), (skus[0], 1)));
        var toGermany = await ReserveAsync(Request(Guid.NewGuid().ToString("N"), new StockDestination("DE"), (skus[1], 1)));

        toHamburg.Lines.ShouldBe([new(skus[0], berlin, 2), new(skus[1], berlin, 1)], ignoreOrder: true);
        toManchester.Lines.ShouldBe([new(skus[0], london, 1)]);
        toGermany.Lines.ShouldBe([new(skus[1], berlin, 1)], "only Berlin ships to Germany");
        (await InventoryApi.StockAsync(seller.Client, skus[0])).Warehouses.ShouldBe(
            new Dictionary<string, (int, int, int)> { [london] = (5, 1, 4), [berlin] = (5, 2, 3) });

        var committed = await _reservations.CommitAsync(toHamburg.ReservationId, CancellationToken.None);
        var again = await _reservations.CommitAsync(toHamburg.ReservationId, CancellationToken.None);

        committed.Value.Status.ShouldBe(ReservationStatus.Committed);
        again.Value.Status.ShouldBe(ReservationStatus.Committed);
        again.Value.Lines.ShouldBe(committed.Value.Lines);
        (await InventoryApi.StockAsync(seller.Client, skus[0])).Warehouses[berlin].ShouldBe((3, 0, 3));
        var reader = _app.Services.GetRequiredService<IInventoryReader>();
        (await reader.AvailableAsync([skus[0], skus[1], "never-stocked"], CancellationToken.None))
            .ShouldBe(new Dictionary<string, int> { [skus[0]] = 7, [skus[1]] = 8 }, ignoreOrder: true);
        (await reader.AvailableForDeliveryAsync([skus[0]], "de", CancellationToken.None)).ShouldBe(new Dictionary<string, int> { [skus[0]] = 3 });
        (await reader.AvailableForDeliveryAsync([skus[0]], "US", CancellationToken.None)).ShouldBe(new Dictionary<string, int> { [skus[0]] = 0 });
    }

    [Fact]
    public async Task Reserving_is_all_or_nothing_and_idempotent_by_its_key_and_release_gives_the_units_back_once()
    {
        var seller = await TestUsers.SellerAsync(_app);
        var skus = await InventoryApi.SellerSkusAsync(_app, seller.Client, variants: 2);
        var warehouse = await InventoryApi.WarehouseAsync((await TestUsers.AdminAsync(_app)).Client, 48.85, 2.35, "FR");
        await InventoryApi.ReceiveAsync(seller.Client, skus[0], warehouse, 3);
        await InventoryApi.ReceiveAsync(seller.Client, skus[1], warehouse, 1);

        var tooMuch = await _reservations.ReserveAsync(Request("big", new StockDestination("FR"), (skus[0], 2), (skus[1], 2)), CancellationToken.None);
        tooMuch.Error!.Code.ShouldBe("out_of_stock");
        tooMuch.Error.Fields!.Keys.ShouldBe([skus[1]]);
        (await InventoryApi.StockAsync(seller.Client, skus[0])).Total.ShouldBe((3, 0, 3), "nothing was held for the line that fitted");

        var key = Guid.NewGuid().ToString("N");
        var first = await ReserveAsync(Request(key, new StockDestination("FR"), (skus[0], 2)));
        var repeat = await ReserveAsync(Request(key, new StockDestination("FR"), (skus[0], 2)));
        repeat.ReservationId.ShouldBe(first.ReservationId);
        (await InventoryApi.StockAsync(seller.Client, skus[0])).Total.ShouldBe((3, 2, 1));
        (await _reservations.ReserveAsync(Request(key, new StockDestination("FR"), (skus[0], 1)), CancellationToken.None)).Error!.Code.ShouldBe("idempotency_key_reused");

        (await _reservations.ReleaseAsync(first.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Released);
        (await _reservations.ReleaseAsync(first.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Released);
        (await _reservations.CommitAsync(first.ReservationId, CancellationToken.None)).Error!.Code.ShouldBe("reservation_ended");
        (await _reservations.ExtendAsync(first.ReservationId, DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None)).Error!.Code.ShouldBe("reservation_ended");
        (await InventoryApi.StockAsync(seller.Client, skus[0])).Total.ShouldBe((3, 0, 3));
        (await _reservations.CommitAsync("987654321", CancellationToken.None)).Error!.Code.ShouldBe("reservation_not_found");
        (await _reservations.ReleaseAsync("nope", CancellationToken.None)).Error!.Code.ShouldBe("reservation_not_found");
    }

    [Fact]
    public async Task Extending_keeps_a_reservation_longer_but_never_beyond_the_maximum_hold()
    {
        var seller = await TestUsers.SellerAsync(_app);
        var sku = (await InventoryApi.SellerSkusAsync(_app, seller.Client))[0];
        var warehouse = await InventoryApi.WarehouseAsync((await TestUsers.AdminAsync(_app)).Client, 40.4, -3.7, "ES");
        await InventoryApi.ReceiveAsync(seller.Client, sku, warehouse, 1);
        var held = await ReserveAsync(Request(Guid.NewGuid().ToString("N"), new StockDestination("ES"), (sku, 1)));

        (await _reservations.GetAsync(held.ReservationId, CancellationToken.None)).Value.ExpiresAt.ShouldBe(held.ExpiresAt, "the answer says what a later read says");
        var until = held.ExpiresAt.AddMinutes(30);
        (await _reservations.ExtendAsync(held.ReservationId, until, CancellationToken.None)).Value.ExpiresAt.ShouldBe(until);
        (await _reservations.ExtendAsync(held.ReservationId, until.AddMinutes(-10), CancellationToken.None)).Value.ExpiresAt.ShouldBe(until);
        (await _reservations.ExtendAsync(held.ReservationId, DateTimeOffset.UtcNow.AddDays(2), CancellationToken.None)).Error!.Code.ShouldBe("validation");
        (await _reservations.GetAsync(held.ReservationId, CancellationToken.None)).Value.ExpiresAt.ShouldBe(until);
    }

    [Fact]
    public async Task Stock_changes_reach_the_catalogs_in_stock_flag_through_the_outbox()
    {
        var seller = await TestUsers.SellerAsync(_app);
        var sku = (await InventoryApi.SellerSkusAsync(_app, seller.Client))[0];
        var warehouse = await InventoryApi.WarehouseAsync((await TestUsers.AdminAsync(_app)).Client, 45.46, 9.19, "IT");
        var catalog = _app.Services.GetRequiredService<ICatalogReader>();
        async Task<bool> InStockAsync() => (await catalog.GetSkusAsync([sku], CancellationToken.None))[sku].InStock;

        await InventoryApi.ReceiveAsync(seller.Client, sku, warehouse, 1);
        await EventuallyAsync(InStockAsync);
        var held = await ReserveAsync(Request(Guid.NewGuid().ToString("N"), new StockDestination("IT"), (sku, 1)));
        await EventuallyAsync(async () => !await InStockAsync());
        await _reservations.ReleaseAsync(held.ReservationId, CancellationToken.None);
        await EventuallyAsync(InStockAsync);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition did not come true in time");
            await Task.Delay(50);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteReservationFlowTests(SqliteAppFixture fixture) : ReservationFlowTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresReservationFlowTests(PostgresAppFixture fixture) : ReservationFlowTests(fixture);
