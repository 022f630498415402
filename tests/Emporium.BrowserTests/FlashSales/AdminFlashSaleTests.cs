using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.FlashSales;

/// <summary>The admin's flash-sale page: a sale created through the form, and a bad form that creates nothing.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class AdminFlashSaleTests(Storefront shop)
{
    [Fact]
    public async Task The_admin_creates_a_sale_through_the_form_and_it_opens_for_buyers()
    {
        var admin = await FlashSaleData.AdminAsync(shop);
        var skuId = await FlashSaleData.SkuWithStockAsync(admin);
        var before = await FlashSaleData.SaleCountAsync(admin);
        await admin.GotoAsync("/admin/flash-sales");

        await admin.GetByLabel("SKU id").FillAsync(skuId);
        await admin.GetByLabel("Sale price").FillAsync("12.50");
        await admin.GetByLabel("Quantity").FillAsync("2");
        await admin.GetByLabel("Per-user limit").FillAsync("1");
        await admin.GetByLabel("Starts (UTC)").FillAsync(DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByLabel("Ends (UTC)").FillAsync(DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create sale" }).ClickAsync();

        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("created");
        (await FlashSaleData.SaleCountAsync(admin)).ShouldBe(before + 1);
        await FlashSaleScreens.SaveBothAsync(admin, "admin-flash-sales");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Open its page" }).ClickAsync();
        await Expect(admin.Locator("[data-test=sale-status]")).ToHaveTextAsync("On now");
        await Expect(admin.Locator(".flash-sale-price")).ToHaveTextAsync("$12.50");
    }

    [Fact]
    public async Task A_bad_form_shows_each_field_error_and_creates_nothing()
    {
        var admin = await FlashSaleData.AdminAsync(shop);
        var before = await FlashSaleData.SaleCountAsync(admin);
        await admin.GotoAsync("/admin/flash-sales");

        await admin.GetByLabel("SKU id").FillAsync("");
        await admin.GetByLabel("Sale price").FillAsync("12.505");
        await admin.GetByLabel("Quantity").FillAsync("0");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create sale" }).ClickAsync();

        await Expect(admin.Locator("#sale-price-error")).ToBeVisibleAsync();
        await Expect(admin.Locator("#sale-quantity-error")).ToContainTextAsync("from 1");
        (await FlashSaleData.SaleCountAsync(admin)).ShouldBe(before);

        // Valid numbers, but the sale ends before it starts: the module's own rule, shown beside the field.
        var start = DateTime.UtcNow.AddHours(2);
        await admin.GetByLabel("SKU id").FillAsync(await FlashSaleData.SkuWithStockAsync(admin));
        await admin.GetByLabel("Sale price").FillAsync("9.99");
        await admin.GetByLabel("Quantity").FillAsync("1");
        await admin.GetByLabel("Starts (UTC)").FillAsync(start.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByLabel("Ends (UTC)").FillAsync(start.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create sale" }).ClickAsync();

        await Expect(admin.Locator("#sale-ends-error")).ToContainTextAsync("after startsAt");
        (await FlashSaleData.SaleCountAsync(admin)).ShouldBe(before);
        await FlashSaleScreens.SaveBothAsync(admin, "admin-flash-sales-errors");
    }

    [Fact]
    public async Task A_customer_may_not_use_the_admin_page()
    {
        var buyer = await FlashSaleData.BuyerAsync(shop);
        var response = await buyer.GotoAsync("/admin/flash-sales");

        response!.Status.ShouldBe(403);
        await Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Create sale" })).ToHaveCountAsync(0);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
