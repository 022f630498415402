using System.Text.Json;
using Emporium.BrowserTests.Infrastructure;
using Emporium.Contracts.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.BrowserTests.Seller;

/// <summary>
/// A seller's own test data through the seller API (never the demo products other tests buy), and the
/// storefront's view of it, read back through the public API.
/// </summary>
internal static class SellerCatalog
{
    public sealed record Listed(string ProductId, string Title, IReadOnlyList<string> SkuIds, IReadOnlyList<string> Codes);

    public static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Signs the page in as the demo seller and lists a product with one variant per price (USD minor units).</summary>
    public static async Task<Listed> ListProductAsync(IPage page, params long[] prices)
    {
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Seller);
        var title = Unique("Test lamp");
        var codes = prices.Select((_, i) => Unique("LAMP" + i)).ToList();
        var response = await page.APIRequest.PostAsync("/api/seller/products", new APIRequestContextOptions
        {
            DataObject = new
            {
                title,
                description = "A lamp listed by a browser test.",
                brand = "Testlight",
                category = "monitors",
                skus = prices.Select((price, i) => new
                {
                    code = codes[i],
                    attributes = new Dictionary<string, string> { ["colour"] = i % 2 == 0 ? "Black" : "White" },
                    price = new { amount = price, currency = "USD" },
                }).ToArray(),
            },
        });
        response.Status.ShouldBe(201, await response.TextAsync());
        using var created = JsonDocument.Parse(await response.BodyAsync());
        var skus = created.RootElement.GetProperty("skus").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
        return new Listed(created.RootElement.GetProperty("id").GetString()!, title, skus, codes);
    }

    /// <summary>The variant's price as the storefront's product API shows it to shoppers.</summary>
    public static async Task<long> StorefrontPriceAsync(IPage page, string productId, string skuId)
    {
        var response = await page.APIRequest.GetAsync("/api/products/" + productId);
        response.Ok.ShouldBeTrue();
        using var product = JsonDocument.Parse(await response.BodyAsync());
        return product.RootElement.GetProperty("skus").EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == skuId)
            .GetProperty("price").GetProperty("amount").GetInt64();
    }

    /// <summary>The signed-in seller's products as the seller API lists them (newest first, first page).</summary>
    public static async Task<JsonElement[]> SellerProductsAsync(IPage page)
    {
        var response = await page.APIRequest.GetAsync("/api/seller/products?pageSize=100");
        response.Ok.ShouldBeTrue();
        using var list = JsonDocument.Parse(await response.BodyAsync());
        return list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Clone()).ToArray();
    }

    /// <summary>On hand of the SKU in the named warehouse (0 when it has no row there), as the inventory API reports it.</summary>
    public static async Task<int> OnHandAsync(IPage page, string skuId, string warehouseName)
    {
        var response = await page.APIRequest.GetAsync("/api/inventory/" + skuId);
        response.Ok.ShouldBeTrue();
        using var stock = JsonDocument.Parse(await response.BodyAsync());
        return stock.RootElement.GetProperty("warehouses").EnumerateArray()
            .Where(w => w.GetProperty("warehouseName").GetString() == warehouseName)
            .Select(w => w.GetProperty("onHand").GetInt32())
            .SingleOrDefault();
    }

    /// <summary>An order as checkout would place it, with one line of the seller's and one of another seller's.</summary>
    public static async Task<string> PlaceOrderAsync(Storefront shop, string sellerId, Listed product)
    {
        var orderId = "ord_" + Guid.NewGuid().ToString("N");
        var address = new ShippingAddress("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH", "GB", "+44 20 7946 0000");
        var order = new PlaceOrder(
            orderId,
            "buyer-" + Guid.NewGuid().ToString("N"),
            "chk_" + orderId,
            "USD",
            [
                new OrderLineInput(product.SkuIds[0], product.ProductId, product.Title, sellerId, new Dictionary<string, string> { ["colour"] = "Black" }, 2, 1_999, 3_998),
                new OrderLineInput("sku-other", "prod-other", "Someone else's teapot", "another-seller", new Dictionary<string, string>(), 1, 4_000, 4_000),
            ],
            7_998,
            500,
            0,
            8_498,
            address,
            "pay_" + orderId,
            "res_" + orderId);
        var placed = await shop.App.Services.GetRequiredService<IOrderPlacement>().PlaceAsync(order, CancellationToken.None);
        placed.IsSuccess.ShouldBeTrue(placed.Error?.Message);
        return orderId;
    }
}
