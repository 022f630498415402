using System.Text.Json;
using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Catalog;

/// <summary>The product page: a variant picker that changes the price and availability shown, stock warnings, add to cart, 404.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class ProductPageTests(Storefront shop)
{
    [Fact]
    public async Task Picking_another_variant_shows_that_variants_price_and_availability()
    {
        var page = await shop.NewShopperAsync();
        var (productId, from, to, axis, value) = await PhoneWithDifferentlyPricedStorageAsync(page);

        await page.GotoAsync($"/products/{productId}?sku={from.GetProperty("id").GetString()}");
        var price = page.Locator("[data-test=sku-price]");
        await Expect(price).ToHaveTextAsync(Dollars(from));
        await Expect(page.Locator("[data-test=sku-availability]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("In stock|Only [0-9]+ left|Out of stock"));
        await Screenshots.SaveAsync(page, "product", Screen.Desktop);

        await page.GetByRole(AriaRole.Group, new() { Name = axis }).GetByRole(AriaRole.Link, new() { Name = value }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"sku={to.GetProperty("id").GetString()}$"));
        await Expect(price).ToHaveTextAsync(Dollars(to));
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = axis }).GetByRole(AriaRole.Link, new() { Name = value })).ToHaveAttributeAsync("aria-current", "true");
        var form = page.Locator("form[action='/cart/add']");
        await Expect(form.Locator("input[name=skuId]")).ToHaveValueAsync(to.GetProperty("id").GetString()!);
        await Expect(form.GetByRole(AriaRole.Button, new() { Name = "Add to cart" })).ToBeEnabledAsync();
    }

    [Fact]
    public async Task A_variant_with_one_unit_left_says_so()
    {
        var page = await shop.NewShopperAsync();
        // The demo inventory stocks one unit of every SKU whose id is a multiple of 51 (17 and 3): see DemoInventorySeeder.
        const string LowSku = "459";
        var productId = await ProductHoldingAsync(page, LowSku);

        await page.GotoAsync($"/products/{productId}?sku={LowSku}");

        await Expect(page.Locator("[data-test=sku-availability]")).ToHaveTextAsync("Only 1 left");
        await Expect(page.GetByLabel("Quantity")).ToHaveAttributeAsync("max", "1");
    }

    [Fact]
    public async Task An_unknown_product_is_the_not_found_page()
    {
        var page = await shop.NewShopperAsync();

        var response = await page.GotoAsync("/products/987654321");

        response!.Status.ShouldBe(404);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "We couldn't find that page" })).ToBeVisibleAsync();
    }

    /// <summary>A demo phone with two SKUs that differ in storage and price (storage prices step up), from the API.</summary>
    private static async Task<(string ProductId, JsonElement From, JsonElement To, string Axis, string Value)> PhoneWithDifferentlyPricedStorageAsync(IPage page)
    {
        var search = await GetJsonAsync(page, "/api/search?category=phones&inStock=true&pageSize=50");
        foreach (var item in search.GetProperty("items").EnumerateArray())
        {
            var id = item.GetProperty("id").GetString()!;
            var skus = (await GetJsonAsync(page, $"/api/products/{id}")).GetProperty("skus").EnumerateArray().ToList();
            var first = skus[0];
            var other = skus.FirstOrDefault(s =>
                s.GetProperty("attributes").GetProperty("storage").GetString() != first.GetProperty("attributes").GetProperty("storage").GetString()
                && s.GetProperty("attributes").GetProperty("colour").GetString() == first.GetProperty("attributes").GetProperty("colour").GetString());
            if (other.ValueKind == JsonValueKind.Object && Amount(other) != Amount(first))
            {
                return (id, first, other, "Storage", other.GetProperty("attributes").GetProperty("storage").GetString()!);
            }
        }

        throw new InvalidOperationException("The demo catalog has no phone with two storage sizes of one colour.");
    }

    private static async Task<string> ProductHoldingAsync(IPage page, string skuId)
    {
        for (var id = 1; id <= 400; id++)
        {
            var response = await page.APIRequest.GetAsync($"/api/products/{id}");
            if (response.Ok && (await response.JsonAsync())!.Value.GetProperty("skus").EnumerateArray().Any(s => s.GetProperty("id").GetString() == skuId))
            {
                return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No demo product holds SKU {skuId}.");
    }

    private static async Task<JsonElement> GetJsonAsync(IPage page, string url)
    {
        var response = await page.APIRequest.GetAsync(url);
        response.Ok.ShouldBeTrue(url);
        return (await response.JsonAsync())!.Value;
    }

    private static long Amount(JsonElement sku) => sku.GetProperty("price").GetProperty("amount").GetInt64();

    private static string Dollars(JsonElement sku) => "$" + (Amount(sku) / 100m).ToString("N2", System.Globalization.CultureInfo.InvariantCulture);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
