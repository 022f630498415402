using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Seller;

/// <summary>The admin area: its index, and warehouses listed and added through the same rules as the API.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class AdminWarehouseTests(Storefront shop)
{
    [Fact]
    public async Task An_admin_adds_a_warehouse_and_it_is_listed()
    {
        var page = await shop.NewShopperAsync();
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Admin);
        var name = SellerCatalog.Unique("Dublin");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await Expect(page.Locator("#main").GetByRole(AriaRole.Link, new() { Name = "Flash sales" })).ToHaveAttributeAsync("href", "/admin/flash-sales");
        await page.GetByRole(AriaRole.Link, new() { Name = "Warehouses" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Latitude").FillAsync("53.3498");
        await page.GetByLabel("Longitude").FillAsync("-6.2603");
        await page.GetByLabel("Ships to").FillAsync("ie, GB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add warehouse" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(name);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("GB, IE");
        var listed = await page.APIRequest.GetAsync("/api/admin/warehouses");
        (await listed.TextAsync()).ShouldContain(name);
    }

    [Fact]
    public async Task A_latitude_out_of_range_shows_the_error_and_adds_nothing()
    {
        var page = await shop.NewShopperAsync();
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Admin);
        var name = SellerCatalog.Unique("Nowhere");

        await page.GotoAsync("/admin/warehouses");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Latitude").FillAsync("200");
        await page.GetByLabel("Longitude").FillAsync("0");
        await page.GetByLabel("Ships to").FillAsync("GB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add warehouse" }).ClickAsync();

        await Expect(page.GetByLabel("Latitude")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("Degrees from -90 to 90.")).ToBeVisibleAsync();
        (await (await page.APIRequest.GetAsync("/api/admin/warehouses")).TextAsync()).ShouldNotContain(name);
    }

    [Fact]
    public async Task A_seller_is_not_let_into_the_admin_area()
    {
        var page = await shop.NewShopperAsync();
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Seller);

        var response = await page.GotoAsync("/admin");

        response!.Status.ShouldBe(403);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Warehouses" })).ToHaveCountAsync(0);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
