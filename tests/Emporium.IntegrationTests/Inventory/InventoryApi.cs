using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>The inventory's HTTP API as tests call it, and the catalog data it needs (SKUs a seller owns).</summary>
internal static class InventoryApi
{
    /// <summary>Creates a product with <paramref name="variants"/> SKUs through the seller API, so <paramref name="seller"/> owns them.</summary>
    public static async Task<string[]> SellerSkusAsync(EmporiumApp app, HttpClient seller, int variants = 1)
    {
        (long Id, string Slug) category = default;
        await TestCatalog.WriteAsync(app, async c => category = await c.CategoryAsync("Stocked things"));
        var code = TestCatalog.UniqueWord(8);
        using var response = await seller.PostAsJsonAsync("/api/seller/products", new
        {
            title = $"Stocked {code}",
            description = "Kept in a warehouse.",
            brand = "Stock Brand " + code,
            category = category.Slug,
            skus = Enumerable.Range(0, variants).Select(i => new
            {
                code = $"{code}-{i}",
                attributes = new Dictionary<string, string> { ["size"] = $"S{i}" },
                price = new { amount = 1_000 + i, currency = "USD" },
            }),
        });
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("skus").Strings("id").ToArray();
    }

    /// <summary>A warehouse with a name no other test uses.</summary>
    public static async Task<string> WarehouseAsync(HttpClient admin, double latitude, double longitude, params string[] shipsTo)
    {
        using var response = await admin.PostAsJsonAsync("/api/admin/warehouses", new
        {
            name = "Warehouse " + TestCatalog.UniqueWord(8),
            latitude,
            longitude,
            shipsTo,
        });
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<HttpResponseMessage> AdjustAsync(HttpClient client, string skuId, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inventory/{skuId}/adjustments") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Adjusts and expects 201; answers the response body.</summary>
    public static async Task<JsonElement> ReceiveAsync(HttpClient client, string skuId, string warehouseId, int delta, string? key = null)
    {
        using var response = await AdjustAsync(client, skuId, new { warehouseId, delta, reason = "test delivery" }, key ?? Guid.NewGuid().ToString("N"));
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Per warehouse (onHand, reserved, available), and the total, from <c>GET /api/inventory/{skuId}</c>.</summary>
    public static async Task<(Dictionary<string, (int OnHand, int Reserved, int Available)> Warehouses, (int OnHand, int Reserved, int Available) Total)> StockAsync(
        HttpClient client, string skuId)
    {
        var json = await client.GetJsonAsync($"/api/inventory/{skuId}");
        var warehouses = json.GetProperty("warehouses").EnumerateArray().ToDictionary(
            w => w.GetProperty("warehouseId").GetString()!,
            w => (w.GetProperty("onHand").GetInt32(), w.GetProperty("reserved").GetInt32(), w.GetProperty("available").GetInt32()));
        var total = json.GetProperty("total");
        return (warehouses, (total.GetProperty("onHand").GetInt32(), total.GetProperty("reserved").GetInt32(), total.GetProperty("available").GetInt32()));
    }

    public static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
