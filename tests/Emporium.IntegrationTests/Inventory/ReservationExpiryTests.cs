using Emporium.Contracts.Inventory;
using Emporium.Inventory.Reservations;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Unpaid reservations give their units back when their time is up: by the sweep a test runs itself,
/// and by the background sweeper when the host's clock passes its interval.
/// </summary>
public abstract class ReservationExpiryTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task A_reservation_past_its_expiry_is_released_by_the_sweep_once_and_can_no_longer_be_committed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var database = await CreateDatabaseAsync();
        await using var app = new EmporiumApp(
            // A sweeper interval that never ticks in this test: the test sweeps itself.
            new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false", ["Emporium:Inventory:ExpirySweepSeconds"] = "86400" },
            services => services.AddSingleton<TimeProvider>(clock));
        var seller = await TestUsers.SellerAsync(app);
        var sku = (await InventoryApi.SellerSkusAsync(app, seller.Client))[0];
        var warehouse = await InventoryApi.WarehouseAsync((await TestUsers.AdminAsync(app)).Client, 35.68, 139.69, "JP");
        await InventoryApi.ReceiveAsync(seller.Client, sku, warehouse, 2);
        var reservations = app.Services.GetRequiredService<IStockReservations>();
        var expiry = app.Services.GetRequiredService<ReservationExpiry>();
        var shortHold = (await reservations.ReserveAsync(Request(sku, TimeSpan.FromMinutes(10)), CancellationToken.None)).Value;
        var longHold = (await reservations.ReserveAsync(Request(sku, TimeSpan.FromMinutes(30)), CancellationToken.None)).Value;

        clock.Advance(TimeSpan.FromMinutes(9));
        (await expiry.SweepAsync(CancellationToken.None)).ShouldBe(0);
        clock.Advance(TimeSpan.FromMinutes(1));
        (await reservations.CommitAsync(shortHold.ReservationId, CancellationToken.None)).Error!.Code.ShouldBe("reservation_expired");
        (await expiry.SweepAsync(CancellationToken.None)).ShouldBe(1);
        (await expiry.SweepAsync(CancellationToken.None)).ShouldBe(0);

        (await reservations.GetAsync(shortHold.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Expired);
        (await reservations.CommitAsync(shortHold.ReservationId, CancellationToken.None)).Error!.Code.ShouldBe("reservation_ended");
        (await reservations.ReleaseAsync(shortHold.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Expired);
        (await reservations.CommitAsync(longHold.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Committed);
        (await InventoryApi.StockAsync(seller.Client, sku)).Total.ShouldBe((1, 0, 1));
        var ledger = await seller.Client.GetJsonAsync($"/api/inventory/{sku}/movements");
        ledger.Strings("kind").ShouldBe(["sale", "expiry", "reservation", "reservation", "receipt"]);
        ledger[1].GetProperty("actor").GetString().ShouldBe("system:expiry");
        (await LedgerAssertions.ViolationsAsync(app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_background_sweeper_expires_reservations_when_the_clock_passes_its_interval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var database = await CreateDatabaseAsync();
        await using var app = new EmporiumApp(
            new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false", ["Emporium:Inventory:ExpirySweepSeconds"] = "60" },
            services => services.AddSingleton<TimeProvider>(clock));
        var reservations = app.Services.GetRequiredService<IStockReservations>();
        var admin = await TestUsers.AdminAsync(app);
        var sku = (await InventoryApi.SellerSkusAsync(app, admin.Client))[0];
        await InventoryApi.ReceiveAsync(admin.Client, sku, await InventoryApi.WarehouseAsync(admin.Client, -33.87, 151.21, "AU"), 1);
        var held = (await reservations.ReserveAsync(Request(sku, TimeSpan.FromMinutes(5), "AU"), CancellationToken.None)).Value;

        clock.Advance(TimeSpan.FromMinutes(6));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await reservations.GetAsync(held.ReservationId, CancellationToken.None)).Value.Status != ReservationStatus.Expired)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the sweeper did not expire the reservation");
            await Task.Delay(50);
        }

        (await InventoryApi.StockAsync(admin.Client, sku)).Total.ShouldBe((1, 0, 1));
    }

    private static ReserveStockRequest Request(string sku, TimeSpan hold, string country = "JP") =>
        new("checkout:" + Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), [new ReserveStockLine(sku, 1)], new StockDestination(country), hold);
}

public sealed class SqliteReservationExpiryTests : ReservationExpiryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresReservationExpiryTests : ReservationExpiryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
