using System.Text;
using Dapper;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>Every kind of bad adjustment is a 4xx ProblemDetails with a stable code, and the ledger does not move.</summary>
public abstract class StockInputTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    private async Task<long> LedgerRowsAsync()
    {
        await using var connection = await _app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inventory_movements")
            + await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inventory_adjustment_requests");
    }

    [Fact]
    public async Task Bad_adjustments_are_refused_with_a_problem_and_leave_the_ledger_unchanged()
    {
        var seller = await TestUsers.SellerAsync(_app);
        var sku = (await InventoryApi.SellerSkusAsync(_app, seller.Client))[0];
        var warehouse = await InventoryApi.WarehouseAsync((await TestUsers.AdminAsync(_app)).Client, 48.85, 2.35, "FR");
        var url = $"/api/inventory/{sku}/adjustments";
        var good = $$"""{ "warehouseId": "{{warehouse}}", "delta": 5, "reason": "delivery" }""";

        (string Case, string Url, string? Key, string Body, int Status, string Code)[] cases =
        [
            ("no key", url, null, good, 400, "validation"),
            ("blank key", url, " ", good, 400, "validation"),
            ("zero", url, "k", good.Replace("\"delta\": 5", "\"delta\": 0"), 400, "validation"),
            ("too many", url, "k", good.Replace("\"delta\": 5", "\"delta\": 1000001"), 400, "validation"),
            ("too few", url, "k", good.Replace("\"delta\": 5", "\"delta\": -1000001"), 400, "validation"),
            ("beyond 64 bits", url, "k", good.Replace("\"delta\": 5", "\"delta\": 99999999999999999999"), 400, ""),
            ("fraction", url, "k", good.Replace("\"delta\": 5", "\"delta\": 1.5"), 400, ""),
            ("words for a delta", url, "k", good.Replace("\"delta\": 5", "\"delta\": \"five\""), 400, ""),
            ("no reason", url, "k", good.Replace("\"reason\": \"delivery\"", "\"reason\": \"\""), 400, "validation"),
            ("no warehouse", url, "k", good.Replace($"\"{warehouse}\"", "null"), 400, "validation"),
            ("not json", url, "k", "delta=5", 400, ""),
            ("unknown warehouse", url, "k", good.Replace($"\"{warehouse}\"", "\"987654321\""), 422, "unknown_warehouse"),
            ("warehouse not an id", url, "k", good.Replace($"\"{warehouse}\"", "\"north\""), 422, "unknown_warehouse"),
            ("unknown sku", "/api/inventory/987654321/adjustments", "k", good, 404, "sku_not_found"),
            ("sku not an id", "/api/inventory/not-a-sku/adjustments", "k", good, 404, "sku_not_found"),
            ("below zero", url, "k", good.Replace("\"delta\": 5", "\"delta\": -1"), 409, "below_reserved"),
        ];

        var before = await LedgerRowsAsync();
        foreach (var (name, target, key, body, status, code) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            }

            using var response = await seller.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBe(status, $"{name}: {text}");
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{name}: {text}");
            if (code.Length > 0)
            {
                text.ShouldContain($"\"code\":\"{code}\"", Case.Sensitive, name);
            }
        }

        (await LedgerRowsAsync()).ShouldBe(before);
        (await InventoryApi.StockAsync(seller.Client, sku)).Total.ShouldBe((0, 0, 0));
    }

    [Fact]
    public async Task Reading_stock_of_an_unknown_or_malformed_sku_is_404()
    {
        var admin = await TestUsers.AdminAsync(_app);

        await admin.Client.GetJsonAsync("/api/inventory/987654321", 404);
        await admin.Client.GetJsonAsync($"/api/inventory/{new string('9', 300)}", 404);
        await admin.Client.GetJsonAsync("/api/inventory/%20", 404);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteStockInputTests(SqliteAppFixture fixture) : StockInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresStockInputTests(PostgresAppFixture fixture) : StockInputTests(fixture);
