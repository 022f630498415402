using System.Text.Json;
using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.FlashSales;

/// <summary>
/// What the flash-sale tests set up through the API: a demo SKU with plenty of stock, sales the admin
/// creates, and new buyers with unique emails (never the shared demo customer).
/// </summary>
internal static class FlashSaleData
{
    private static readonly SemaphoreSlim SkuLock = new(1, 1);
    private static string? _skuId;

    /// <summary>A new browser context signed in as the admin.</summary>
    public static async Task<IPage> AdminAsync(Storefront shop, Screen screen = Screen.Desktop)
    {
        var page = await shop.NewShopperAsync(screen);
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Admin);
        return page;
    }

    /// <summary>A new buyer, registered with a unique email and signed in, in a fresh browser context.</summary>
    public static async Task<IPage> BuyerAsync(Storefront shop, Screen screen = Screen.Desktop, bool javaScript = true)
    {
        var page = javaScript ? await shop.NewShopperAsync(screen) : await shop.NewShopperWithoutJavaScriptAsync();
        var email = $"flash-{Guid.NewGuid():N}@example.com";
        var registered = await page.APIRequest.PostAsync("/api/accounts/register", new APIRequestContextOptions
        {
            DataObject = new { email, password = DemoAccounts.Password, name = "Flash Buyer" },
        });
        registered.Ok.ShouldBeTrue($"register {email}: {registered.Status}");
        await DemoAccounts.SignInThroughApiAsync(page, email);
        return page;
    }

    /// <summary>
    /// A demo SKU in stock with at least 40 units to spare, found through search and the inventory (the
    /// sales here take a few units each; far down the list, away from what other areas' tests buy).
    /// </summary>
    public static async Task<string> SkuWithStockAsync(IPage admin)
    {
        await SkuLock.WaitAsync();
        try
        {
            return _skuId ??= await FindSkuAsync(admin);
        }
        finally
        {
            SkuLock.Release();
        }
    }

    public static async Task<string> CreateSaleAsync(
        IPage admin, string skuId, long price, int quantity, int perUserLimit, DateTimeOffset startsAt, DateTimeOffset endsAt, int? admitPerSecond = null)
    {
        var response = await admin.APIRequest.PostAsync("/api/admin/flash-sales", new APIRequestContextOptions
        {
            DataObject = new { skuId, price, quantity, perUserLimit, startsAt, endsAt, admitPerSecond },
        });
        response.Status.ShouldBe(201, await response.TextAsync());
        using var body = JsonDocument.Parse(await response.TextAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>A sale of one unit per buyer that is on now and lasts an hour.</summary>
    public static Task<string> OpenSaleAsync(IPage admin, string skuId, int quantity, int? admitPerSecond = null) =>
        CreateSaleAsync(admin, skuId, 500, quantity, 1, DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddHours(1), admitPerSecond);

    public static async Task<long> SaleCountAsync(IPage admin)
    {
        var response = await admin.APIRequest.GetAsync("/api/admin/flash-sales?pageSize=1");
        response.Ok.ShouldBeTrue();
        using var body = JsonDocument.Parse(await response.TextAsync());
        return body.RootElement.GetProperty("total").GetInt64();
    }

    private static async Task<string> FindSkuAsync(IPage admin)
    {
        for (var number = 3; number >= 1; number--)
        {
            var search = await admin.APIRequest.GetAsync($"/api/search?inStock=true&sort=newest&page={number}&pageSize=20");
            using var results = JsonDocument.Parse(await search.TextAsync());
            foreach (var item in results.RootElement.GetProperty("items").EnumerateArray().Reverse())
            {
                var product = await admin.APIRequest.GetAsync("/api/products/" + item.GetProperty("id").GetString());
                using var details = JsonDocument.Parse(await product.TextAsync());
                foreach (var sku in details.RootElement.GetProperty("skus").EnumerateArray())
                {
                    var id = sku.GetProperty("id").GetString()!;
                    var stock = await admin.APIRequest.GetAsync("/api/inventory/" + Uri.EscapeDataString(id));
                    if (!stock.Ok)
                    {
                        continue;
                    }

                    using var levels = JsonDocument.Parse(await stock.TextAsync());
                    if (levels.RootElement.GetProperty("total").GetProperty("available").GetInt32() >= 40)
                    {
                        return id;
                    }
                }
            }
        }

        throw new InvalidOperationException("The demo data has no SKU with 40 units in stock.");
    }
}
