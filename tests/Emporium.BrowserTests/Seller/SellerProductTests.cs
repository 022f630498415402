using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Seller;

/// <summary>The seller portal's products: listing one with its variants, editing prices, taking it off sale, and who may enter.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class SellerProductTests(Storefront shop)
{
    [Fact]
    public async Task A_seller_creates_a_product_with_two_variants_and_finds_it_in_their_list()
    {
        var page = await shop.NewShopperAsync();
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Seller);
        var title = SellerCatalog.Unique("Linen shirt");
        var (small, large) = (SellerCatalog.Unique("SHIRT-S"), SellerCatalog.Unique("SHIRT-L"));

        await page.GotoAsync("/seller");
        await page.GetByRole(AriaRole.Link, new() { Name = "New product" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Description").FillAsync("Breathable linen, relaxed fit.");
        await page.GetByLabel("Brand").FillAsync("Northwind");
        await page.GetByLabel("Category").SelectOptionAsync("monitors");
        await FillVariantAsync(page, 0, small, "S", "Sand", "39.00");
        await FillVariantAsync(page, 1, large, "L", "Sand", "42.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();

        await Expect(page.GetByText("Product created.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Your products" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Expect(row).ToContainTextAsync("active");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync("2");
        await Expect(row).ToContainTextAsync("$39.00");
        await Expect(row).ToContainTextAsync("$42.50");

        var listed = (await SellerCatalog.SellerProductsAsync(page)).Single(p => p.GetProperty("title").GetString() == title);
        listed.GetProperty("variants").GetInt32().ShouldBe(2);
        listed.GetProperty("price").GetProperty("amount").GetInt64().ShouldBe(3_900);
    }

    [Fact]
    public async Task A_new_product_with_a_price_that_is_not_an_amount_shows_the_error_and_is_not_created()
    {
        var page = await shop.NewShopperAsync();
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Seller);
        var title = SellerCatalog.Unique("Broken price");

        await page.GotoAsync("/seller/products/new");
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Brand").FillAsync("Northwind");
        await page.GetByLabel("Category").SelectOptionAsync("monitors");
        await FillVariantAsync(page, 0, SellerCatalog.Unique("BROKEN"), "M", "Red", "twelve");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();

        await Expect(Variant(page, 0).GetByLabel("Price (USD)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("Type the price as an amount, such as 12.50.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync(title);
        (await SellerCatalog.SellerProductsAsync(page)).ShouldNotContain(p => p.GetProperty("title").GetString() == title);
    }

    [Fact]
    public async Task A_price_change_shows_in_the_storefront_at_once()
    {
        var page = await shop.NewShopperAsync();
        var product = await SellerCatalog.ListProductAsync(page, 1_999, 2_999);
        (await SellerCatalog.StorefrontPriceAsync(page, product.ProductId, product.SkuIds[1])).ShouldBe(2_999);

        await page.GotoAsync("/seller/products/" + product.ProductId);
        var variant = page.GetByRole(AriaRole.Form, new() { Name = product.Codes[1] });
        await variant.GetByLabel("Price (USD)").FillAsync("24.75");
        await variant.GetByRole(AriaRole.Button, new() { Name = "Save " + product.Codes[1] }).ClickAsync();

        await Expect(page.GetByText("Variant saved.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = product.Codes[1] })).ToContainTextAsync("$24.75");
        (await SellerCatalog.StorefrontPriceAsync(page, product.ProductId, product.SkuIds[1])).ShouldBe(2_475);
        (await SellerCatalog.StorefrontPriceAsync(page, product.ProductId, product.SkuIds[0])).ShouldBe(1_999);

        // And the shopper's product page, for the changed variant and the untouched one.
        await page.GotoAsync($"/products/{product.ProductId}?sku={product.SkuIds[1]}");
        await Expect(page.Locator("[data-test=sku-price]")).ToContainTextAsync("$24.75");
        await page.GotoAsync($"/products/{product.ProductId}?sku={product.SkuIds[0]}");
        await Expect(page.Locator("[data-test=sku-price]")).ToContainTextAsync("$19.99");
    }

    [Fact]
    public async Task A_seller_adds_a_variant_to_a_product_and_shoppers_can_pick_it()
    {
        var page = await shop.NewShopperAsync();
        var product = await SellerCatalog.ListProductAsync(page, 1_999);
        var code = SellerCatalog.Unique("LAMPXL");

        await page.GotoAsync("/seller/products/" + product.ProductId);
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a variant" });
        await form.GetByLabel("SKU code").FillAsync(code);
        await form.GetByLabel("Colour").FillAsync("Green");
        await form.GetByLabel("Price (USD)").FillAsync("31.50");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add variant" }).ClickAsync();

        await Expect(page.GetByText("Variant added.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = code })).ToContainTextAsync("$31.50");
        var response = await page.APIRequest.GetAsync("/api/products/" + product.ProductId);
        var body = await response.TextAsync();
        body.ShouldContain(code);
        body.ShouldContain("\"amount\":3150");
    }

    [Fact]
    public async Task A_price_that_is_not_an_amount_shows_an_error_beside_it_and_changes_nothing()
    {
        var page = await shop.NewShopperAsync();
        var product = await SellerCatalog.ListProductAsync(page, 1_999);

        await page.GotoAsync("/seller/products/" + product.ProductId);
        var variant = page.GetByRole(AriaRole.Form, new() { Name = product.Codes[0] });
        await variant.GetByLabel("Price (USD)").FillAsync("12,50");
        await variant.GetByRole(AriaRole.Button, new() { Name = "Save " + product.Codes[0] }).ClickAsync();

        var price = page.GetByRole(AriaRole.Form, new() { Name = product.Codes[0] }).GetByLabel("Price (USD)");
        await Expect(price).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("Type the price as an amount, such as 12.50.")).ToBeVisibleAsync();
        await Expect(price).ToHaveValueAsync("12,50");
        (await SellerCatalog.StorefrontPriceAsync(page, product.ProductId, product.SkuIds[0])).ShouldBe(1_999);
    }

    [Fact]
    public async Task Deactivating_takes_the_product_out_of_the_storefront_and_reactivating_puts_it_back()
    {
        var page = await shop.NewShopperAsync();
        var product = await SellerCatalog.ListProductAsync(page, 1_500);

        await page.GotoAsync("/seller/products/" + product.ProductId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();

        await Expect(page.GetByText("The product is off sale.")).ToBeVisibleAsync();
        var response = await page.APIRequest.GetAsync("/api/products/" + product.ProductId);
        (await response.TextAsync()).ShouldContain("\"status\":\"inactive\"");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
        await Expect(page.GetByText("The product is back on sale.")).ToBeVisibleAsync();
        response = await page.APIRequest.GetAsync("/api/products/" + product.ProductId);
        (await response.TextAsync()).ShouldContain("\"status\":\"active\"");
    }

    [Fact]
    public async Task A_customer_gets_a_not_allowed_page_instead_of_the_seller_portal()
    {
        var page = await shop.NewShopperAsync();
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Customer);

        var response = await page.GotoAsync("/seller");

        response!.Status.ShouldBe(403);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You can't open this page" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New product" })).ToHaveCountAsync(0);
        (await page.GotoAsync("/admin/warehouses"))!.Status.ShouldBe(403);
    }

    [Fact]
    public async Task A_guest_is_sent_to_sign_in_and_back()
    {
        var page = await shop.NewShopperAsync();

        await page.GotoAsync("/seller/orders");

        page.Url.ShouldContain("/account/sign-in?returnUrl=%2Fseller%2Forders");
    }

    private static async Task FillVariantAsync(IPage page, int row, string code, string size, string colour, string price)
    {
        var variant = Variant(page, row);
        await variant.GetByLabel("SKU code").FillAsync(code);
        await variant.GetByLabel("Size").FillAsync(size);
        await variant.GetByLabel("Colour").FillAsync(colour);
        await variant.GetByLabel("Price (USD)").FillAsync(price);
    }

    private static ILocator Variant(IPage page, int row) =>
        page.GetByRole(AriaRole.Group, new() { Name = $"Variant {row + 1}", Exact = true });

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
