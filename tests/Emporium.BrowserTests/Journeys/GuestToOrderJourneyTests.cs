using System.Text.Json;
using System.Text.RegularExpressions;
using Emporium.BrowserTests.Catalog;
using Emporium.BrowserTests.Infrastructure;
using Emporium.BrowserTests.Shopping;

namespace Emporium.BrowserTests.Journeys;

/// <summary>
/// The whole path of a purchase as one shopper walks it, page to page, the way issue 8 states it: a guest
/// searches, filters by a facet, opens a product, picks a variant, adds it to the cart, signs in (the guest
/// cart merges), checks out with the approving card, and finds the order in the history.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed partial class GuestToOrderJourneyTests(Storefront shop)
{
    [Theory]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Phone)]
    public async Task A_guest_finds_a_variant_signs_in_and_buys_it(Screen screen)
    {
        // An account exists already, made in another browser: this shopper arrives signed out.
        var email = await ShoppingKit.RegisterAsync(await shop.NewShopperAsync());
        var page = await shop.NewShopperAsync(screen);
        var phone = await PhoneWithTwoPricedStorageSizesAsync(page, pick: screen == Screen.Phone ? 1 : 0);

        // Search from the header, then narrow by the product's brand: every card left is that brand.
        await page.GotoAsync("/");
        await page.GetByLabel("Search products").FillAsync(phone.Title);
        await page.GetByLabel("Search products").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q="));
        if (screen == Screen.Phone)
        {
            await page.GetByRole(AriaRole.Link, new() { NameRegex = FiltersButton() }).ClickAsync();
        }

        var brand = CatalogPage.Facet(page, "Brand").Filter(new() { HasText = phone.Brand }).First;
        var (_, brandCount) = await CatalogPage.FacetValueAsync(brand);
        await brand.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("brand="));
        (await CatalogPage.ResultCountAsync(page)).ShouldBe(brandCount);

        // The product, then the other storage size: its price and the cart form follow the choice.
        await CatalogPage.Cards(page).Filter(new() { HasText = phone.Title }).First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = phone.Title, Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Storage" }).GetByRole(AriaRole.Link, new() { Name = phone.OtherStorage }).ClickAsync();
        await Expect(page.Locator("[data-test=sku-price]")).ToHaveTextAsync(phone.OtherPrice);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();

        // The guest's cart, then checking out asks to sign in, and the line comes along.
        await Expect(page).ToHaveURLAsync(new Regex("/cart"));
        await Expect(page.Locator("main")).ToContainTextAsync(phone.Title);
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ShoppingKit.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/checkout$"));
        var cart = await ShoppingKit.CartAsync(page);
        cart.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("skuId").GetString()).ShouldBe([phone.OtherSkuId]);

        await ShoppingKit.EnterAddressAsync(page);
        await ShoppingKit.EnterCardAsync(page, ShoppingKit.GoodCard);
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you — your order is placed" })).ToBeVisibleAsync();

        // The history shows it, and the order holds the chosen variant, paid.
        await page.GotoAsync("/account/orders");
        var orders = await ShoppingKit.JsonAsync(page, "/api/orders");
        var order = orders.GetProperty("items").EnumerateArray().Single();
        var orderId = order.GetProperty("orderId").GetString()!;
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(Regex.Escape(orderId)) }).First.ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(phone.Title);
        var detail = await ShoppingKit.JsonAsync(page, "/api/orders/" + orderId);
        detail.GetProperty("status").GetString().ShouldBe("paid");
        detail.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("skuId").GetString()).ShouldBe([phone.OtherSkuId]);
        await Screenshots.SaveAsync(page, "journey-order", screen);
    }

    private sealed record Phone(string Title, string Brand, string OtherSkuId, string OtherStorage, string OtherPrice);

    /// <summary>A demo phone sold in two storage sizes of one colour at different prices, both in stock.</summary>
    private static async Task<Phone> PhoneWithTwoPricedStorageSizesAsync(IPage page, int pick)
    {
        var search = await ShoppingKit.JsonAsync(page, "/api/search?category=phones&inStock=true&pageSize=50");
        var found = 0;
        foreach (var item in search.GetProperty("items").EnumerateArray())
        {
            var product = await ShoppingKit.JsonAsync(page, "/api/products/" + item.GetProperty("id").GetString());
            var skus = product.GetProperty("skus").EnumerateArray().ToList();
            var first = skus[0];
            var other = skus.FirstOrDefault(s =>
                Attribute(s, "storage") != Attribute(first, "storage") && Attribute(s, "colour") == Attribute(first, "colour")
                && Amount(s) != Amount(first) && s.GetProperty("availability").GetProperty("inStock").GetBoolean());
            if (other.ValueKind == JsonValueKind.Object && found++ == pick)
            {
                return new Phone(
                    product.GetProperty("title").GetString()!,
                    product.GetProperty("brand").GetProperty("name").GetString()!,
                    other.GetProperty("id").GetString()!,
                    Attribute(other, "storage"),
                    "$" + (Amount(other) / 100m).ToString("N2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException("The demo catalog has too few phones with two storage sizes.");
    }

    private static string Attribute(JsonElement sku, string name) => sku.GetProperty("attributes").GetProperty(name).GetString()!;

    private static long Amount(JsonElement sku) => sku.GetProperty("price").GetProperty("amount").GetInt64();

    [GeneratedRegex("^Filters")]
    private static partial Regex FiltersButton();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
