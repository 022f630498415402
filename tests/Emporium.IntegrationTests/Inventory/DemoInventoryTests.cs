using Dapper;
using Emporium.Contracts.Inventory;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>With demo data on, the demo catalog's SKUs have stock in the demo warehouses, and a demo customer can reserve them.</summary>
public sealed class DemoInventoryTests
{
    [Fact]
    public async Task Every_demo_sku_is_stocked_in_one_or_two_of_three_warehouses_that_ship_to_the_us_uk_and_germany()
    {
        await using var database = TestDatabase.Sqlite();
        await using var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings)
        {
            ["Emporium:DemoData"] = "true",
            ["Emporium:Messaging:RelayEnabled"] = "false",
        });
        var admin = await TestUsers.AdminAsync(app);

        var warehouses = await admin.Client.GetJsonAsync("/api/admin/warehouses");
        warehouses.GetArrayLength().ShouldBe(3);
        var countries = warehouses.EnumerateArray().SelectMany(w => w.GetProperty("shipsTo").EnumerateArray().Select(c => c.GetString())).ToHashSet();
        new[] { "US", "GB", "DE" }.ShouldBeSubsetOf(countries);

        await using var connection = await app.Database.OpenAsync();
        var skuIds = (await connection.QueryAsync<long>("SELECT id FROM catalog_skus")).Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        skuIds.Count.ShouldBeGreaterThan(400);
        var rowsPerSku = (await connection.QueryAsync<(string Sku, long Rows, long Available)>(
            "SELECT sku_id, COUNT(*), SUM(on_hand - reserved) FROM inventory_stock GROUP BY sku_id")).ToDictionary(r => r.Sku);
        rowsPerSku.Keys.ShouldBe(skuIds, ignoreOrder: true);
        rowsPerSku.Values.ShouldAllBe(r => (r.Rows == 1 || r.Rows == 2) && r.Available > 0);
        (await LedgerAssertions.ViolationsAsync(app.Database)).ShouldBeEmpty();

        var reserved = await app.Services.GetRequiredService<IStockReservations>().ReserveAsync(
            new ReserveStockRequest("checkout:demo", "demo-1", [new ReserveStockLine(skuIds[0], 1)], new StockDestination("US", 40.71, -74.0), TimeSpan.FromMinutes(15)),
            CancellationToken.None);
        reserved.IsSuccess.ShouldBeTrue(reserved.Error?.Message);
    }
}
