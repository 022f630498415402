using Dapper;
using Emporium.Catalog.Writing;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Pricing;

/// <summary>SKUs to quote, each call one product of a seller of its own, written through the catalog's test writer.</summary>
internal static class PricingTestSkus
{
    /// <summary>One product with a variant per price; answers the seller and the SKU ids in the same order.</summary>
    public static async Task<(string SellerId, string ProductId, string[] Skus)> CreateAsync(EmporiumApp app, string currency, params long[] prices)
    {
        TestProduct product = null!;
        var word = TestCatalog.UniqueWord(8);
        var catalog = await TestCatalog.WriteAsync(app, async c =>
        {
            var category = await c.CategoryAsync("Priced things");
            product = await c.ProductAsync($"Priced {word}", await c.BrandAsync("Pricemaker"), category.Id, skus:
                prices.Select((price, i) => new NewSku($"PRICE-{word}-{i}", new Dictionary<string, string> { ["size"] = $"S{i}" }, price, currency, "active", true)).ToList());
        });

        using var client = app.CreateClient();
        var json = await client.GetJsonAsync($"/api/products/{product.Id}");
        var ids = json.GetProperty("skus").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToArray();
        ids.Length.ShouldBe(prices.Length);
        return (catalog.SellerId, product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ids);
    }

    public static async Task ExecuteAsync(EmporiumApp app, string sql, object parameters)
    {
        await using var connection = await app.Database.OpenAsync();
        (await connection.ExecuteAsync(sql, parameters)).ShouldBeGreaterThan(0);
    }
}
