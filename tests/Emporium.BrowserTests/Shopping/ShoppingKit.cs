using System.Text.Json;
using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Shopping;

/// <summary>
/// What the shopping tests do again and again: a fresh customer, a demo SKU in stock (found as any client
/// would, through the search and product API), a cart filled through the API with the browser's own
/// cookies, and the checkout steps as a shopper goes through them.
/// </summary>
public static class ShoppingKit
{
    public const string Password = "Shopping-test-1";
    public const string GoodCard = "4242424242424242";
    public const string DecliningCard = "4000000000000002";

    /// <summary>Registers a new customer in the page's browser context (its auth cookie lands there).</summary>
    public static async Task<string> RegisterAsync(IPage page, string name = "Test Shopper")
    {
        var email = $"shopper-{Guid.NewGuid():N}@example.com";
        var response = await page.APIRequest.PostAsync("/api/accounts/register", new() { DataObject = new { email, password = Password, name } });
        response.Status.ShouldBe(201, await response.TextAsync());
        return email;
    }

    /// <summary>
    /// An in-stock SKU of the demo catalog, a different one per <paramref name="pick"/>. It browses past
    /// the first pages, which the catalog tests use, so tests in parallel rarely buy the same units.
    /// </summary>
    public static async Task<(string SkuId, string Title)> InStockSkuAsync(IPage page, int pick)
    {
        var search = await JsonAsync(page, $"/api/search?inStock=true&sort=price_asc&page=4&pageSize=25");
        var items = search.GetProperty("items").EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[(pick + i) % items.Count];
            var product = await JsonAsync(page, "/api/products/" + item.GetProperty("id").GetString());
            foreach (var sku in product.GetProperty("skus").EnumerateArray())
            {
                if (sku.GetProperty("availability").GetProperty("inStock").GetBoolean())
                {
                    return (sku.GetProperty("id").GetString()!, product.GetProperty("title").GetString()!);
                }
            }
        }

        throw new InvalidOperationException("No demo SKU in stock.");
    }

    /// <summary>Sets a line through <c>PUT /api/cart/items/{sku}</c>, sharing the browser's cookies (guest cart or user).</summary>
    public static async Task PutInCartAsync(IPage page, string skuId, int quantity)
    {
        var response = await page.APIRequest.PutAsync("/api/cart/items/" + skuId, new() { DataObject = new { quantity } });
        response.Ok.ShouldBeTrue(await response.TextAsync());
    }

    public static Task<JsonElement> CartAsync(IPage page) => JsonAsync(page, "/api/cart");

    public static async Task<JsonElement> JsonAsync(IPage page, string url)
    {
        var response = await page.APIRequest.GetAsync(url);
        response.Ok.ShouldBeTrue($"GET {url}: {response.Status}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    /// <summary>The address step: a new address in the US, where the demo's US warehouse ships.</summary>
    public static async Task EnterAddressAsync(IPage page)
    {
        await page.GetByLabel("Full name").FillAsync("Ada Shopper");
        await page.GetByLabel("Address line 1").FillAsync("1 Main Street");
        await page.GetByLabel("City").FillAsync("Springfield");
        await page.GetByLabel("Postal code").FillAsync("12345");
        await page.GetByLabel("Country").FillAsync("US");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to payment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pay by card" })).ToBeVisibleAsync();
    }

    /// <summary>The card step: the card goes to the sandbox gateway's form, which sends the shopper to the review.</summary>
    public static async Task EnterCardAsync(IPage page, string number)
    {
        await page.GetByLabel("Card number").FillAsync(number);
        await page.GetByLabel("Expiry month").FillAsync("12");
        await page.GetByLabel("Expiry year").FillAsync((DateTime.UtcNow.Year + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Security code").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to review" }).ClickAsync();
    }

    public static async Task<long> OrderCountAsync(IPage page) =>
        (await JsonAsync(page, "/api/orders")).GetProperty("total").GetInt64();

    /// <summary>A page ready to check out: a new customer with one in-stock SKU in the cart.</summary>
    public static async Task<(IPage Page, string Title)> CustomerWithCartAsync(Storefront shop, int pick, Screen screen = Screen.Desktop)
    {
        var page = await shop.NewShopperAsync(screen);
        await RegisterAsync(page);
        var (skuId, title) = await InStockSkuAsync(page, pick);
        await PutInCartAsync(page, skuId, 1);
        return (page, title);
    }
}
