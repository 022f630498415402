using System.Net;
using System.Net.Http.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>Admins manage warehouses; nobody else may.</summary>
public abstract class WarehouseTests(AppFixture fixture)
{
    [Fact]
    public async Task An_admin_adds_a_warehouse_and_finds_it_in_the_list()
    {
        var admin = await TestUsers.AdminAsync(fixture.App);
        var name = "Leeds " + TestCatalog.UniqueWord();

        using var created = await admin.Client.PostAsJsonAsync("/api/admin/warehouses", new { name, latitude = 53.8, longitude = -1.55, shipsTo = new[] { "gb", "IE", "GB" } });

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var warehouse = await created.ReadJsonAsync();
        warehouse.GetProperty("shipsTo").EnumerateArray().Select(c => c.GetString()).ShouldBe(["GB", "IE"]);
        var list = await admin.Client.GetJsonAsync("/api/admin/warehouses");
        var listed = list.EnumerateArray().Single(w => w.GetProperty("id").GetString() == warehouse.GetProperty("id").GetString());
        listed.GetProperty("name").GetString().ShouldBe(name);
        listed.GetProperty("latitude").GetDouble().ShouldBe(53.8);

        using var again = await admin.Client.PostAsJsonAsync("/api/admin/warehouses", new { name, latitude = 0, longitude = 0, shipsTo = new[] { "GB" } });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ReadJsonAsync()).GetProperty("code").GetString().ShouldBe("warehouse_name_taken");
    }

    [Fact]
    public async Task Sellers_customers_and_guests_may_not_see_or_add_warehouses()
    {
        var seller = await TestUsers.SellerAsync(fixture.App);
        var customer = await TestUsers.CustomerAsync(fixture.App);
        var body = new { name = "Nope " + TestCatalog.UniqueWord(), latitude = 1, longitude = 1, shipsTo = new[] { "GB" } };

        (await seller.Client.PostAsJsonAsync("/api/admin/warehouses", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.Client.GetAsync("/api/admin/warehouses")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await fixture.Client.PostAsJsonAsync("/api/admin/warehouses", body)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var list = await (await TestUsers.AdminAsync(fixture.App)).Client.GetJsonAsync("/api/admin/warehouses");
        list.Strings("name").ShouldNotContain(body.name);
    }

    [Theory]
    [InlineData("""{ "latitude": 1, "longitude": 1, "shipsTo": ["GB"] }""", "name")]
    [InlineData("""{ "name": "X", "latitude": 91, "longitude": 1, "shipsTo": ["GB"] }""", "latitude")]
    [InlineData("""{ "name": "X", "latitude": 1, "longitude": -181, "shipsTo": ["GB"] }""", "longitude")]
    [InlineData("""{ "name": "X", "latitude": 1, "longitude": 1, "shipsTo": [] }""", "shipsTo")]
    [InlineData("""{ "name": "X", "latitude": 1, "longitude": 1, "shipsTo": ["United Kingdom"] }""", "shipsTo")]
    public async Task Bad_warehouses_are_400_problems_naming_the_field(string json, string field)
    {
        var admin = await TestUsers.AdminAsync(fixture.App);

        using var response = await admin.Client.PostAsync("/api/admin/warehouses", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteWarehouseTests(SqliteAppFixture fixture) : WarehouseTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresWarehouseTests(PostgresAppFixture fixture) : WarehouseTests(fixture);
