using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.FlashSales;

/// <summary>The sale page's other states: sold out, the buyer's limit reached, the countdown before the start, and a sale without a waiting room.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class SaleStateTests(Storefront shop)
{
    [Fact]
    public async Task A_sold_out_sale_says_so_and_offers_no_buy_button()
    {
        var admin = await FlashSaleData.AdminAsync(shop);
        var skuId = await FlashSaleData.SkuWithStockAsync(admin);
        var saleId = await FlashSaleData.OpenSaleAsync(admin, skuId, quantity: 1);
        var first = await FlashSaleData.BuyerAsync(shop);
        (await first.APIRequest.PostAsync($"/api/flash-sales/{saleId}/purchase")).Status.ShouldBe(201);

        var late = await FlashSaleData.BuyerAsync(shop);
        await late.GotoAsync($"/flash-sales/{saleId}");

        await Expect(late.Locator("[data-test=sold-out]")).ToBeVisibleAsync();
        await Expect(late.Locator("[data-test=sale-status]")).ToHaveTextAsync("Sold out");
        await Expect(late.GetByRole(AriaRole.Button, new() { Name = "Buy now" })).ToHaveCountAsync(0);
        await FlashSaleScreens.SaveBothAsync(late, "flash-sale-sold-out");
    }

    [Fact]
    public async Task A_buyer_claims_one_unit_and_a_second_buy_beyond_the_limit_is_refused()
    {
        var admin = await FlashSaleData.AdminAsync(shop);
        var skuId = await FlashSaleData.SkuWithStockAsync(admin);
        var saleId = await FlashSaleData.OpenSaleAsync(admin, skuId, quantity: 3);
        var buyer = await FlashSaleData.BuyerAsync(shop);

        await buyer.GotoAsync($"/flash-sales/{saleId}");
        await FlashSaleScreens.SaveBothAsync(buyer, "flash-sale-open");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "You have it!" })).ToBeVisibleAsync();
        await Expect(buyer.GetByRole(AriaRole.Link, new() { Name = "Pay now" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/checkout\\?claim=.+"));

        await buyer.GotoAsync($"/flash-sales/{saleId}");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" }).ClickAsync();

        await Expect(buyer.Locator("[data-test=sale-error]")).ToContainTextAsync("Limit reached");
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "You have it!" })).ToHaveCountAsync(0);
        await FlashSaleScreens.SaveBothAsync(buyer, "flash-sale-limit");

        // Still two units left for others: the refusal took nothing.
        var sale = await buyer.APIRequest.GetAsync($"/api/flash-sales/{saleId}");
        (await sale.TextAsync()).ShouldContain("\"remaining\":2");

        // The storefront's list of sales shows it, on now.
        await buyer.GotoAsync("/flash-sales");
        var card = buyer.Locator(".flash-sale-card").Filter(new() { Has = buyer.Locator($"a[href='/flash-sales/{saleId}']") });
        await Expect(card).ToContainTextAsync("On now");
        await FlashSaleScreens.SaveBothAsync(buyer, "flash-sales-list");
    }

    [Fact]
    public async Task Too_many_attempts_in_a_second_are_refused_with_the_wait_to_try_again()
    {
        var admin = await FlashSaleData.AdminAsync(shop);
        var skuId = await FlashSaleData.SkuWithStockAsync(admin);
        var saleId = await FlashSaleData.OpenSaleAsync(admin, skuId, quantity: 2);
        var buyer = await FlashSaleData.BuyerAsync(shop);
        await buyer.GotoAsync($"/flash-sales/{saleId}");

        // The limit is five attempts a second per buyer; a burst through the API spends them, then the page's
        // click is one too many. A window may turn over between the burst and the click, so up to three tries.
        var refused = false;
        for (var attempt = 0; attempt < 3 && !refused; attempt++)
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => buyer.APIRequest.PostAsync($"/api/flash-sales/{saleId}/purchase")));
            await buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" }).ClickAsync();
            var error = buyer.Locator("[data-test=sale-error]");
            await Expect(error).ToBeVisibleAsync();
            refused = (await error.TextContentAsync())!.StartsWith("Too many attempts", StringComparison.Ordinal);
        }

        refused.ShouldBeTrue();
        await Expect(buyer.Locator("[data-test=sale-error]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("try again in [1-9]\\d* s"));
        await FlashSaleScreens.SaveBothAsync(buyer, "flash-sale-rate-limited");
    }

    [Fact]
    public async Task Before_the_start_the_page_counts_down_every_second_and_offers_no_buy_button()
    {
        var admin = await FlashSaleData.AdminAsync(shop);
        var skuId = await FlashSaleData.SkuWithStockAsync(admin);
        var start = DateTimeOffset.UtcNow.AddHours(2);
        var saleId = await FlashSaleData.CreateSaleAsync(admin, skuId, 450, 2, 1, start, start.AddHours(1));
        var buyer = await FlashSaleData.BuyerAsync(shop);

        await buyer.GotoAsync($"/flash-sales/{saleId}");

        var countdown = buyer.Locator("[data-test=countdown]");
        await Expect(countdown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0?[12]:[0-5][0-9]:[0-5][0-9]$"));
        var before = await countdown.TextContentAsync();
        await Expect(countdown).Not.ToHaveTextAsync(before!, new() { Timeout = 3_000 });
        await Expect(buyer.Locator("[data-test=sale-status]")).ToHaveTextAsync("Starts soon");
        await Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" })).ToHaveCountAsync(0);
        await FlashSaleScreens.SaveBothAsync(buyer, "flash-sale-countdown");
    }

    [Fact]
    public async Task A_guest_is_sent_to_sign_in_and_back()
    {
        var admin = await FlashSaleData.AdminAsync(shop);
        var skuId = await FlashSaleData.SkuWithStockAsync(admin);
        var saleId = await FlashSaleData.OpenSaleAsync(admin, skuId, quantity: 1, admitPerSecond: 5);
        var guest = await shop.NewShopperAsync();

        await guest.GotoAsync($"/flash-sales/{saleId}");

        var signIn = guest.GetByRole(AriaRole.Link, new() { Name = "Sign in to join the queue" });
        await Expect(signIn).ToHaveAttributeAsync("href", "/account/sign-in?returnUrl=" + Uri.EscapeDataString($"/flash-sales/{saleId}"));
        await Expect(guest.GetByRole(AriaRole.Button, new() { Name = "Join the queue" })).ToHaveCountAsync(0);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
