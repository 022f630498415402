using System.Net;
using System.Text.Json;
using Dapper;
using Emporium.Contracts.Catalog;
using Emporium.Contracts.Inventory;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales.Sales;

/// <summary>
/// <c>POST /api/admin/flash-sales</c>: a sale's units leave normal stock at once (its allotment); what it
/// refuses leaves neither a sale row nor a reservation behind.
/// </summary>
public abstract class SaleCreationTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    private async Task<(HttpClient Admin, HttpClient Seller)> StaffAsync() =>
        ((await TestUsers.AdminAsync(_app)).Client, (await TestUsers.SellerAsync(_app)).Client);

    private async Task<long> SaleRowsAsync(string skuId)
    {
        await using var connection = await _app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM flashsales_sales WHERE sku_id = @skuId", new { skuId });
    }

    private static async Task<(int Status, JsonElement Body)> PostAsync(HttpClient client, object body)
    {
        using var response = await FlashSaleApi.PostSaleAsync(client, body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task A_sale_moves_its_quantity_into_one_allotment_reservation_and_the_admin_sees_it()
    {
        var (admin, seller) = await StaffAsync();
        var now = FlashSaleApi.Now(_app);

        var sale = await FlashSaleApi.CreateSaleAsync(
            _app, admin, seller, quantity: 4, perUserLimit: 2, stock: 10, startsAt: now.AddMinutes(5), endsAt: now.AddHours(2), admitPerSecond: 50, country: "US", price: 450);

        (await InventoryApi.StockAsync(seller, sale.SkuId)).Total.ShouldBe((10, 4, 6), "the allotment is held out of normal stock");
        var view = await FlashSaleApi.GetSaleAsync(admin, sale.SaleId);
        view.GetProperty("id").GetString().ShouldBe(sale.SaleId);
        view.GetProperty("skuId").GetString().ShouldBe(sale.SkuId);
        (view.GetProperty("price").GetInt64(), view.GetProperty("currency").GetString()).ShouldBe((450, "USD"), "the SKU's currency");
        (view.GetProperty("quantity").GetInt32(), view.GetProperty("perUserLimit").GetInt32(), view.GetProperty("admitPerSecond").GetInt32()).ShouldBe((4, 2, 50));
        view.GetProperty("country").GetString().ShouldBe("US");
        view.GetProperty("startsAt").GetDateTimeOffset().ShouldBe(Millis(sale.StartsAt));
        view.GetProperty("endsAt").GetDateTimeOffset().ShouldBe(Millis(sale.EndsAt));
        view.GetProperty("settlesAt").GetDateTimeOffset().ShouldBe(Millis(sale.EndsAt) + TimeSpan.FromMinutes(10 + 30), "ends + claim deadline + checkout grace");
        view.GetProperty("status").GetString().ShouldBe("open");
        view.GetProperty("claims").GetProperty("claimed").GetInt64().ShouldBe(0);

        var allotment = (await _app.Services.GetRequiredService<IStockReservations>()
            .GetAsync(view.GetProperty("allotmentId").GetString()!, CancellationToken.None)).Value;
        allotment.Owner.ShouldBe($"flash-sale:{sale.SaleId}");
        allotment.Status.ShouldBe(ReservationStatus.Pending);
        allotment.Lines.ShouldBe([new ReservedStockLine(sale.SkuId, sale.WarehouseId, 4)]);
        var settlesAt = Millis(sale.EndsAt) + TimeSpan.FromMinutes(40);
        // Held until the sale settles (closer than the 12-hour renewal horizon), give or take the
        // milliseconds between the two modules reading the clock.
        allotment.ExpiresAt.ShouldBeInRange(settlesAt, settlesAt + TimeSpan.FromSeconds(5));
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_admin_list_shows_sales_newest_first_in_pages()
    {
        var (admin, seller) = await StaffAsync();
        var first = await FlashSaleApi.CreateSaleAsync(_app, admin, seller, quantity: 1, perUserLimit: 1, stock: 1);
        var second = await FlashSaleApi.CreateSaleAsync(_app, admin, seller, quantity: 2, perUserLimit: 1, stock: 2);

        var page = await admin.GetJsonAsync("/api/admin/flash-sales?pageSize=2");

        page.GetProperty("items").Strings("id").ShouldBe([second.SaleId, first.SaleId]);
        (page.GetProperty("page").GetInt32(), page.GetProperty("pageSize").GetInt32()).ShouldBe((1, 2));
        var total = page.GetProperty("total").GetInt64();
        total.ShouldBeGreaterThanOrEqualTo(2);
        var last = await admin.GetJsonAsync($"/api/admin/flash-sales?page={total}&pageSize=1");
        last.GetProperty("items").GetArrayLength().ShouldBe(1);
        (await admin.GetJsonAsync($"/api/admin/flash-sales?page={total + 1}&pageSize=1")).GetProperty("items").GetArrayLength().ShouldBe(0);
        (await admin.GetJsonAsync("/api/admin/flash-sales?pageSize=101", 400)).GetProperty("errors").GetProperty("pageSize").GetArrayLength().ShouldBe(1);
        (await admin.GetJsonAsync("/api/admin/flash-sales?page=0", 400)).GetProperty("errors").GetProperty("page").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Every_invalid_term_is_a_400_naming_its_field_and_nothing_is_written_or_reserved()
    {
        var (admin, seller) = await StaffAsync();
        var (sku, _) = await FlashSaleApi.StockedSkuAsync(_app, admin, seller, stock: 50);
        var now = FlashSaleApi.Now(_app);
        Dictionary<string, object?> Body(params (string Key, object? Value)[] changes)
        {
            var body = new Dictionary<string, object?>
            {
                ["skuId"] = sku, ["price"] = 100, ["quantity"] = 5, ["perUserLimit"] = 1,
                ["startsAt"] = now.AddMinutes(1), ["endsAt"] = now.AddHours(1), ["country"] = "US",
            };
            foreach (var (key, value) in changes)
            {
                body[key] = value;
            }

            return body;
        }

        var cases = new (string Field, Dictionary<string, object?> Body)[]
        {
            ("skuId", Body(("skuId", null))),
            ("skuId", Body(("skuId", new string('x', 201)))),
            ("price", Body(("price", 0))),
            ("price", Body(("price", 10_000_000_001))),
            ("price", Body(("price", null))),
            ("quantity", Body(("quantity", 0))),
            ("quantity", Body(("quantity", 10_001))),
            ("perUserLimit", Body(("perUserLimit", 0))),
            ("perUserLimit", Body(("perUserLimit", 6))),
            ("startsAt", Body(("startsAt", null))),
            ("endsAt", Body(("endsAt", null))),
            ("endsAt", Body(("startsAt", now.AddHours(2)))),
            ("endsAt", Body(("startsAt", now.AddHours(-2)), ("endsAt", now.AddMinutes(-1)))),
            ("endsAt", Body(("startsAt", now), ("endsAt", now.AddDays(7).AddMinutes(1)))),
            ("country", Body(("country", "USA"))),
            ("country", Body(("country", "u1"))),
            ("admitPerSecond", Body(("admitPerSecond", 0))),
            ("admitPerSecond", Body(("admitPerSecond", 100_001))),
        };

        foreach (var (field, body) in cases)
        {
            var (status, problem) = await PostAsync(admin, body);
            status.ShouldBe(400, $"{field}: {problem}");
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(field, problem.ToString());
        }

        (await SaleRowsAsync(sku)).ShouldBe(0);
        (await InventoryApi.StockAsync(seller, sku)).Total.ShouldBe((50, 0, 50));

        // The edges are inside: a 7-day sale, a lower-case country, perUserLimit equal to the quantity.
        var (edge, created) = await PostAsync(admin, Body(("startsAt", now), ("endsAt", now.AddDays(7)), ("country", "us"), ("perUserLimit", 5), ("price", 10_000_000_000)));
        edge.ShouldBe(201, created.ToString());
        (await FlashSaleApi.GetSaleAsync(admin, created.GetProperty("id").GetString()!)).GetProperty("country").GetString().ShouldBe("US");
    }

    [Fact]
    public async Task Only_admins_create_or_read_sales()
    {
        var (admin, seller) = await StaffAsync();
        var sale = await FlashSaleApi.CreateSaleAsync(_app, admin, seller, quantity: 1, perUserLimit: 1, stock: 3);
        var customer = (await TestUsers.CustomerAsync(_app)).Client;
        using var anonymous = _app.CreateClient();
        var body = new { skuId = sale.SkuId, price = 1, quantity = 1, perUserLimit = 1, startsAt = sale.StartsAt, endsAt = sale.EndsAt };

        (await PostAsync(anonymous, body)).Status.ShouldBe(401);
        (await PostAsync(customer, body)).Status.ShouldBe(403);
        (await PostAsync(seller, body)).Status.ShouldBe(403, "a seller does not run flash sales, even of their own SKU");
        (await anonymous.GetAsync($"/api/admin/flash-sales/{sale.SaleId}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await customer.GetAsync($"/api/admin/flash-sales/{sale.SaleId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await customer.GetAsync("/api/admin/flash-sales")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await SaleRowsAsync(sale.SkuId)).ShouldBe(1);
        (await InventoryApi.StockAsync(seller, sale.SkuId)).Total.ShouldBe((3, 1, 2));
    }

    [Fact]
    public async Task An_unknown_sale_is_404()
    {
        var admin = (await TestUsers.AdminAsync(_app)).Client;
        (await FlashSaleApi.GetSaleAsync(admin, "999999999", 404)).GetProperty("code").GetString().ShouldBe("sale_not_found");
        (await FlashSaleApi.GetSaleAsync(admin, "not-a-number", 404)).GetProperty("code").GetString().ShouldBe("sale_not_found");
    }

    [Fact]
    public async Task An_unknown_SKU_is_404_and_a_SKU_no_longer_sold_is_422()
    {
        var (admin, seller) = await StaffAsync();
        var now = FlashSaleApi.Now(_app);
        object Body(string sku) => new { skuId = sku, price = 100, quantity = 1, perUserLimit = 1, startsAt = now, endsAt = now.AddHours(1) };

        var (unknown, problem) = await PostAsync(admin, Body("no-such-sku"));
        unknown.ShouldBe(404, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("sku_not_found");

        var (sku, _) = await FlashSaleApi.StockedSkuAsync(_app, admin, seller, stock: 5);
        var product = (await _app.Services.GetRequiredService<ICatalogReader>().GetSkusAsync([sku], CancellationToken.None))[sku].ProductId;
        using (var deactivated = await seller.PostAsync($"/api/seller/products/{product}/deactivate", null))
        {
            deactivated.IsSuccessStatusCode.ShouldBeTrue(await deactivated.Content.ReadAsStringAsync());
        }

        var (retired, retiredProblem) = await PostAsync(admin, Body(sku));
        retired.ShouldBe(422, retiredProblem.ToString());
        retiredProblem.GetProperty("code").GetString().ShouldBe("sku_not_purchasable");
        (await SaleRowsAsync(sku)).ShouldBe(0);
        (await InventoryApi.StockAsync(seller, sku)).Total.ShouldBe((5, 0, 5));
    }

    [Fact]
    public async Task Not_enough_stock_shipping_to_the_sales_country_is_409_naming_the_SKU_and_leaves_nothing_behind()
    {
        var (admin, seller) = await StaffAsync();
        var (sku, _) = await FlashSaleApi.StockedSkuAsync(_app, admin, seller, stock: 3, country: "US");
        var now = FlashSaleApi.Now(_app);
        object Body(int quantity, string country) =>
            new { skuId = sku, price = 100, quantity, perUserLimit = 1, startsAt = now, endsAt = now.AddHours(1), country };

        var (tooMany, problem) = await PostAsync(admin, Body(4, "US"));
        var (elsewhere, elsewhereProblem) = await PostAsync(admin, Body(1, "DE"));

        tooMany.ShouldBe(409, problem.ToString());
        problem.GetProperty("code").GetString().ShouldBe("out_of_stock");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([sku]);
        problem.GetProperty("detail").GetString()!.ShouldContain(sku);
        elsewhere.ShouldBe(409, elsewhereProblem.ToString());
        (await SaleRowsAsync(sku)).ShouldBe(0, "the allotting row is deleted");
        (await InventoryApi.StockAsync(seller, sku)).Total.ShouldBe((3, 0, 3));

        var (exact, created) = await PostAsync(admin, Body(3, "US"));
        exact.ShouldBe(201, created.ToString());
        (await InventoryApi.StockAsync(seller, sku)).Total.ShouldBe((3, 3, 0));
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    private static DateTimeOffset Millis(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSaleCreationTests(SqliteAppFixture fixture) : SaleCreationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSaleCreationTests(PostgresAppFixture fixture) : SaleCreationTests(fixture);
