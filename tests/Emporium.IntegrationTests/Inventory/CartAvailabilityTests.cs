using System.Net.Http.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>Inventory's figures reach the shopper: the cart's "only N left" and the catalog's in-stock flag.</summary>
public abstract class CartAvailabilityTests(AppFixture fixture)
{
    [Fact]
    public async Task A_cart_line_shows_how_many_are_left_once_inventory_knows_the_sku()
    {
        var seller = await TestUsers.SellerAsync(fixture.App);
        var admin = await TestUsers.AdminAsync(fixture.App);
        var sku = (await InventoryApi.SellerSkusAsync(fixture.App, seller.Client))[0];
        var warehouse = await InventoryApi.WarehouseAsync(admin.Client, 40.5, -74.4, "US");
        await InventoryApi.ReceiveAsync(seller.Client, sku, warehouse, 2);
        var shopper = await TestUsers.CustomerAsync(fixture.App);

        (await shopper.Client.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 3 })).EnsureSuccessStatusCode();
        var line = (await shopper.Client.GetJsonAsync("/api/cart")).GetProperty("lines")[0];

        line.GetProperty("available").GetInt32().ShouldBe(2);
        line.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ShouldContain(w => w!.Contains("only 2 left", StringComparison.OrdinalIgnoreCase));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCartAvailabilityTests(SqliteAppFixture fixture) : CartAvailabilityTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCartAvailabilityTests(PostgresAppFixture fixture) : CartAvailabilityTests(fixture);
