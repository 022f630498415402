using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Shopping;

/// <summary>The order pages: one's own orders only, and cancelling before shipping.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class OrderTests(Storefront shop)
{
    [Fact]
    public async Task A_buyer_cancels_an_order_from_its_page_and_another_user_gets_a_404()
    {
        var (page, _) = await ShoppingKit.CustomerWithCartAsync(shop, pick: 9);
        var orderId = await PlaceThroughApiAsync(page);

        var stranger = await shop.NewShopperAsync();
        await ShoppingKit.RegisterAsync(stranger);
        var response = await stranger.GotoAsync("/account/orders/" + orderId);
        response!.Status.ShouldBe(404);
        await Assertions.Expect(stranger.GetByRole(AriaRole.Heading, new() { Name = "We couldn't find that page" })).ToBeVisibleAsync();

        await page.GotoAsync("/account/orders/" + orderId);
        await page.GetByLabel("Reason").FillAsync("Ordered the wrong size");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=order-status]")).ToHaveTextAsync("cancelled");
        await Assertions.Expect(page.Locator(".timeline li").Last).ToContainTextAsync("Ordered the wrong size");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToHaveCountAsync(0);
        (await ShoppingKit.JsonAsync(page, "/api/orders/" + orderId)).GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task Addresses_are_added_with_the_apis_rules_and_deleted()
    {
        var page = await shop.NewShopperAsync();
        await ShoppingKit.RegisterAsync(page);
        await page.GotoAsync("/account/addresses");
        await page.GetByLabel("Full name").FillAsync("Ada Shopper");
        await page.GetByLabel("Address line 1").FillAsync("1 Main Street");
        await page.GetByLabel("City").FillAsync("Springfield");
        await page.GetByLabel("Postal code").FillAsync("12345");
        await page.GetByLabel("Country").FillAsync("usa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("ISO 3166-1");
        (await ShoppingKit.JsonAsync(page, "/api/accounts/me/addresses")).GetArrayLength().ShouldBe(0);

        await page.GetByLabel("Country").FillAsync("US");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save address" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Address saved.")).ToBeVisibleAsync();
        (await ShoppingKit.JsonAsync(page, "/api/accounts/me/addresses")).GetArrayLength().ShouldBe(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete the address of Ada Shopper" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Address deleted.")).ToBeVisibleAsync();
        (await ShoppingKit.JsonAsync(page, "/api/accounts/me/addresses")).GetArrayLength().ShouldBe(0);
    }

    /// <summary>Screenshots of every shopping page at both widths, from one customer with one order.</summary>
    [Theory]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Phone)]
    public async Task Shopping_pages_fit_the_screen(Screen screen)
    {
        var (page, _) = await ShoppingKit.CustomerWithCartAsync(shop, pick: screen == Screen.Desktop ? 10 : 11, screen);
        await page.GotoAsync("/cart");
        await Fits(page, "cart", screen);
        await page.GotoAsync("/checkout");
        await Fits(page, "checkout-address", screen);
        await ShoppingKit.EnterAddressAsync(page);
        await Fits(page, "checkout-card", screen);
        await ShoppingKit.EnterCardAsync(page, ShoppingKit.GoodCard);
        await Fits(page, "checkout-review", screen);
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=order-id]")).ToBeVisibleAsync();
        await Fits(page, "checkout-confirmation", screen);
        await page.GetByRole(AriaRole.Link, new() { Name = "View your order" }).ClickAsync();
        await Assertions.Expect(page.Locator(".timeline")).ToBeVisibleAsync();
        await Fits(page, "order-detail", screen);
        await page.GotoAsync("/account/orders");
        await Fits(page, "order-list", screen);
        await page.GotoAsync("/account/addresses");
        await Fits(page, "addresses", screen);

        var guest = await shop.NewShopperAsync(screen);
        await guest.GotoAsync("/account/sign-in");
        await Fits(guest, "sign-in", screen);
    }

    private static async Task Fits(IPage page, string name, Screen screen)
    {
        await Screenshots.SaveAsync(page, name, screen);
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth")).ShouldBeFalse(name);
    }

    private static async Task<string> PlaceThroughApiAsync(IPage page)
    {
        var token = await page.APIRequest.PostAsync("/api/payments/tokens", new()
        {
            DataObject = new { number = ShoppingKit.GoodCard, expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123" },
        });
        var tokenId = System.Text.Json.JsonDocument.Parse(await token.TextAsync()).RootElement.GetProperty("token").GetString();
        var placed = await page.APIRequest.PostAsync("/api/checkout", new()
        {
            Headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString("N") },
            DataObject = new
            {
                shippingAddress = new { name = "Ada Shopper", line1 = "1 Main Street", city = "Springfield", postalCode = "12345", country = "US" },
                paymentToken = tokenId,
            },
        });
        placed.Status.ShouldBe(201, await placed.TextAsync());
        return System.Text.Json.JsonDocument.Parse(await placed.TextAsync()).RootElement.GetProperty("orderId").GetString()!;
    }
}
