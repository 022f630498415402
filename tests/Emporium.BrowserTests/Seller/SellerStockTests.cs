using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Seller;

/// <summary>Stock per warehouse: an adjustment changes on hand once however often its form is posted, and never below reserved.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class SellerStockTests(Storefront shop)
{
    private const string Warehouse = "UK (Daventry)";

    [Fact]
    public async Task An_adjustment_changes_on_hand_and_posting_the_same_form_again_does_not_adjust_twice()
    {
        var page = await shop.NewShopperAsync();
        var product = await SellerCatalog.ListProductAsync(page, 2_500, 2_700);
        var stockPage = "/seller/products/" + product.ProductId + "/stock";

        await page.GotoAsync(stockPage);
        await page.GetByLabel("Variant").SelectOptionAsync(product.SkuIds[1]);
        await page.GetByLabel("Warehouse").SelectOptionAsync(new SelectOptionValue { Label = Warehouse });
        await page.GetByLabel("Change in units").FillAsync("7");
        await page.GetByLabel("Reason").FillAsync("Delivery from the supplier");
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Adjust stock" });
        var posted = await form.EvaluateAsync<Dictionary<string, string>>("f => Object.fromEntries(new FormData(f))");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adjust stock" }).ClickAsync();

        await Expect(page.GetByText("Stock adjusted.")).ToBeVisibleAsync();
        var table = page.GetByRole(AriaRole.Table, new() { Name = product.Codes[1] });
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = Warehouse })).ToContainTextAsync("7");
        (await SellerCatalog.OnHandAsync(page, product.SkuIds[1], Warehouse)).ShouldBe(7);
        (await SellerCatalog.OnHandAsync(page, product.SkuIds[0], Warehouse)).ShouldBe(0);

        // The very same form again (its idempotency key and antiforgery token), as a resubmit sends it.
        var again = page.APIRequest.CreateFormData();
        foreach (var (name, value) in posted)
        {
            again.Set(name, value);
        }

        var replay = await page.APIRequest.PostAsync(stockPage, new APIRequestContextOptions { Form = again });
        replay.Ok.ShouldBeTrue(replay.StatusText);
        (await replay.TextAsync()).ShouldContain("That adjustment was already made");
        (await SellerCatalog.OnHandAsync(page, product.SkuIds[1], Warehouse)).ShouldBe(7);
    }

    [Fact]
    public async Task Taking_more_than_is_on_hand_is_refused_with_a_clear_message_and_changes_nothing()
    {
        var page = await shop.NewShopperAsync();
        var product = await SellerCatalog.ListProductAsync(page, 2_500);
        await AdjustThroughApiAsync(page, product, 3);

        await page.GotoAsync("/seller/products/" + product.ProductId + "/stock");
        await page.GetByLabel("Warehouse").SelectOptionAsync(new SelectOptionValue { Label = Warehouse });
        await page.GetByLabel("Change in units").FillAsync("-5");
        await page.GetByLabel("Reason").FillAsync("Stock count");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adjust stock" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("may not drop below the 0 units reserved. Nothing changed.");
        (await SellerCatalog.OnHandAsync(page, product.SkuIds[0], Warehouse)).ShouldBe(3);
    }

    [Fact]
    public async Task A_change_that_is_not_a_whole_number_is_shown_beside_the_field()
    {
        var page = await shop.NewShopperAsync();
        var product = await SellerCatalog.ListProductAsync(page, 2_500);

        await page.GotoAsync("/seller/products/" + product.ProductId + "/stock");
        await page.GetByLabel("Change in units").FillAsync("a few");
        await page.GetByLabel("Reason").FillAsync("Delivery");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adjust stock" }).ClickAsync();

        await Expect(page.GetByLabel("Change in units")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("A whole number of units, not 0")).ToBeVisibleAsync();
        (await SellerCatalog.OnHandAsync(page, product.SkuIds[0], Warehouse)).ShouldBe(0);
    }

    /// <summary>Stock the seller already had, through the API; the warehouse's id read from the stock form's picker (the warehouse API is for admins).</summary>
    private static async Task AdjustThroughApiAsync(IPage page, SellerCatalog.Listed product, int delta)
    {
        await page.GotoAsync("/seller/products/" + product.ProductId + "/stock");
        var warehouseId = await page.GetByLabel("Warehouse").Locator("option").Filter(new() { HasText = Warehouse }).GetAttributeAsync("value");
        var response = await page.APIRequest.PostAsync($"/api/inventory/{product.SkuIds[0]}/adjustments", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") },
            DataObject = new { warehouseId, delta, reason = "Delivery" },
        });
        response.Status.ShouldBe(201, await response.TextAsync());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
