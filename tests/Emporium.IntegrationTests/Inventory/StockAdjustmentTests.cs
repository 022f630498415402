using System.Net;
using Dapper;
using Emporium.Contracts.Inventory;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>Receipts and corrections over HTTP: ownership, idempotency keys, and "never below reserved".</summary>
public abstract class StockAdjustmentTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    private async Task<(TestUsers.SignedIn Seller, string Sku, string Warehouse)> SellerWithSkuAsync()
    {
        var seller = await TestUsers.SellerAsync(_app);
        var sku = (await InventoryApi.SellerSkusAsync(_app, seller.Client))[0];
        var warehouse = await InventoryApi.WarehouseAsync((await TestUsers.AdminAsync(_app)).Client, 51.5, -0.12, "GB");
        return (seller, sku, warehouse);
    }

    private async Task<long> MovementsAsync(string sku)
    {
        await using var connection = await _app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inventory_movements WHERE sku_id = @sku", new { sku });
    }

    [Fact]
    public async Task A_seller_receives_stock_for_their_sku_and_sees_it_per_warehouse_and_in_total()
    {
        var (seller, sku, north) = await SellerWithSkuAsync();
        var south = await InventoryApi.WarehouseAsync((await TestUsers.AdminAsync(_app)).Client, 50.9, -1.4, "GB");

        var received = await InventoryApi.ReceiveAsync(seller.Client, sku, north, 12);
        await InventoryApi.ReceiveAsync(seller.Client, sku, south, 3);
        using (var corrected = await InventoryApi.AdjustAsync(seller.Client, sku, new { warehouseId = north, delta = -2, reason = "count found two fewer" }, "count-1"))
        {
            corrected.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        received.GetProperty("onHand").GetInt32().ShouldBe(12);
        received.GetProperty("available").GetInt32().ShouldBe(12);
        var (warehouses, total) = await InventoryApi.StockAsync(seller.Client, sku);
        warehouses.ShouldBe(new Dictionary<string, (int, int, int)> { [north] = (10, 0, 10), [south] = (3, 0, 3) });
        total.ShouldBe((13, 0, 13));
        var ledger = await seller.Client.GetJsonAsync($"/api/inventory/{sku}/movements");
        ledger.Strings("kind").ShouldBe(["correction", "receipt", "receipt"]);
        ledger[0].GetProperty("reason").GetString().ShouldBe("count found two fewer");
        ledger[0].GetProperty("actor").GetString().ShouldBe("user:" + seller.UserId);
    }

    [Fact]
    public async Task Another_sellers_sku_is_not_found_and_stays_untouched_while_an_admin_may_adjust_any()
    {
        var (owner, sku, warehouse) = await SellerWithSkuAsync();
        var other = await TestUsers.SellerAsync(_app);
        var admin = await TestUsers.AdminAsync(_app);

        using var adjusted = await InventoryApi.AdjustAsync(other.Client, sku, new { warehouseId = warehouse, delta = 5, reason = "mine now" }, "k1");
        adjusted.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await adjusted.ReadJsonAsync()).GetProperty("code").GetString().ShouldBe("sku_not_found");
        await other.Client.GetJsonAsync($"/api/inventory/{sku}", 404);
        await other.Client.GetJsonAsync($"/api/inventory/{sku}/movements", 404);
        (await MovementsAsync(sku)).ShouldBe(0);

        await InventoryApi.ReceiveAsync(admin.Client, sku, warehouse, 4);
        (await InventoryApi.StockAsync(owner.Client, sku)).Total.ShouldBe((4, 0, 4));
        (await InventoryApi.StockAsync(admin.Client, sku)).Total.ShouldBe((4, 0, 4));
        (await (await TestUsers.CustomerAsync(_app)).Client.GetAsync($"/api/inventory/{sku}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Client.GetAsync($"/api/inventory/{sku}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_same_key_answers_the_same_result_without_a_second_movement_and_another_body_is_422()
    {
        var (seller, sku, warehouse) = await SellerWithSkuAsync();
        var body = new { warehouseId = warehouse, delta = 7, reason = "delivery 881" };

        using var first = await InventoryApi.AdjustAsync(seller.Client, sku, body, "delivery-881");
        await InventoryApi.ReceiveAsync(seller.Client, sku, warehouse, 1);
        using var repeat = await InventoryApi.AdjustAsync(seller.Client, sku, body, "delivery-881");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        repeat.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await repeat.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        repeat.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await MovementsAsync(sku)).ShouldBe(2);

        using var reused = await InventoryApi.AdjustAsync(seller.Client, sku, body with { delta = 70 }, "delivery-881");
        reused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reused.ReadJsonAsync()).GetProperty("code").GetString().ShouldBe("idempotency_key_reused");
        (await InventoryApi.StockAsync(seller.Client, sku)).Total.ShouldBe((8, 0, 8));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_make_one_movement()
    {
        var (seller, sku, warehouse) = await SellerWithSkuAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            using var response = await InventoryApi.AdjustAsync(seller.Client, sku, new { warehouseId = warehouse, delta = 3, reason = "once" }, "burst");
            return response.StatusCode;
        })));

        responses.ShouldAllBe(status => status == HttpStatusCode.Created);
        (await MovementsAsync(sku)).ShouldBe(1);
        (await InventoryApi.StockAsync(seller.Client, sku)).Total.ShouldBe((3, 0, 3));
    }

    [Fact]
    public async Task A_correction_below_what_is_reserved_is_refused_and_changes_nothing()
    {
        var (seller, sku, warehouse) = await SellerWithSkuAsync();
        await InventoryApi.ReceiveAsync(seller.Client, sku, warehouse, 5);
        var reservations = _app.Services.GetRequiredService<IStockReservations>();
        var held = await reservations.ReserveAsync(
            new ReserveStockRequest("checkout:t", Guid.NewGuid().ToString("N"), [new ReserveStockLine(sku, 4)], new StockDestination("GB"), TimeSpan.FromMinutes(10)),
            CancellationToken.None);
        held.IsSuccess.ShouldBeTrue(held.Error?.Message);

        using var refused = await InventoryApi.AdjustAsync(seller.Client, sku, new { warehouseId = warehouse, delta = -2, reason = "breakage" }, "breakage-1");

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.ReadJsonAsync()).GetProperty("code").GetString().ShouldBe("below_reserved");
        (await InventoryApi.StockAsync(seller.Client, sku)).Total.ShouldBe((5, 4, 1));
        (await MovementsAsync(sku)).ShouldBe(2);
        using var allowed = await InventoryApi.AdjustAsync(seller.Client, sku, new { warehouseId = warehouse, delta = -1, reason = "breakage" }, "breakage-1");
        allowed.StatusCode.ShouldBe(HttpStatusCode.Created, "a refused key is not spent");
        (await InventoryApi.StockAsync(seller.Client, sku)).Total.ShouldBe((4, 4, 0));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteStockAdjustmentTests(SqliteAppFixture fixture) : StockAdjustmentTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresStockAdjustmentTests(PostgresAppFixture fixture) : StockAdjustmentTests(fixture);
