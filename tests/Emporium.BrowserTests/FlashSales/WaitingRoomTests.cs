using System.Text.Json;
using System.Text.RegularExpressions;
using Emporium.BrowserTests.Infrastructure;
using Emporium.BrowserTests.Shopping;

namespace Emporium.BrowserTests.FlashSales;

/// <summary>A sale with a waiting room: join, watch the place move, get admitted, buy, and pay for the claim at checkout.</summary>
[Collection(StorefrontCollection.Name)]
public sealed partial class WaitingRoomTests(Storefront shop)
{
    [Fact]
    public async Task A_buyer_joins_the_queue_sees_the_position_move_without_a_reload_is_admitted_and_buys()
    {
        var admin = await FlashSaleData.AdminAsync(shop);
        var skuId = await FlashSaleData.SkuWithStockAsync(admin);

        // One admission a second, and four buyers who join just before ours: ours waits a few seconds.
        // Everyone registers first (that takes a while), so the four are still in line when ours joins.
        var others = new List<IPage>();
        for (var i = 0; i < 4; i++)
        {
            others.Add(await FlashSaleData.BuyerAsync(shop));
        }

        var buyer = await FlashSaleData.BuyerAsync(shop);
        var consoleErrors = new List<string>();
        buyer.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        var saleId = await FlashSaleData.OpenSaleAsync(admin, skuId, quantity: 8, admitPerSecond: 1);
        await buyer.GotoAsync($"/flash-sales/{saleId}");
        foreach (var other in others)
        {
            (await other.APIRequest.PostAsync($"/api/flash-sales/{saleId}/queue")).Status.ShouldBe(201);
        }

        await Expect(buyer.Locator("[data-test=sale-status]")).ToHaveTextAsync("On now");
        await Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" })).ToBeHiddenAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Join the queue" }).ClickAsync();

        var position = buyer.Locator("[data-test=queue-position]");
        await Expect(position).ToHaveTextAsync(PeopleAhead());
        var first = await position.TextContentAsync();
        await FlashSaleScreens.SaveBothAsync(buyer, "flash-sale-queue");

        // A mark on the window survives only if the page is never reloaded.
        await buyer.EvaluateAsync("() => { window.flashSaleMark = 'still here'; }");
        await Expect(position).Not.ToHaveTextAsync(first!, new() { Timeout = 10_000 });
        (await buyer.EvaluateAsync<string?>("() => window.flashSaleMark ?? null")).ShouldBe("still here");

        var buy = buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" });
        await Expect(buy).ToBeVisibleAsync(new() { Timeout = 15_000 });
        (await buyer.EvaluateAsync<string?>("() => window.flashSaleMark ?? null")).ShouldBe("still here");
        await FlashSaleScreens.SaveBothAsync(buyer, "flash-sale-admitted");

        await buy.ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "You have it!" })).ToBeVisibleAsync();
        var pay = buyer.GetByRole(AriaRole.Link, new() { Name = "Pay now" });
        var href = await pay.GetAttributeAsync("href");
        href.ShouldNotBeNull();
        href.ShouldStartWith("/checkout?claim=");
        await FlashSaleScreens.SaveBothAsync(buyer, "flash-sale-claimed");

        // The claim is real: the API knows it as this buyer's, claimed and unpaid.
        var claimId = Uri.UnescapeDataString(href["/checkout?claim=".Length..]);
        var claim = await buyer.APIRequest.GetAsync("/api/flash-sales/claims/" + Uri.EscapeDataString(claimId));
        claim.Ok.ShouldBeTrue();
        using var body = JsonDocument.Parse(await claim.TextAsync());
        body.RootElement.GetProperty("status").GetString().ShouldBe("claimed");
        body.RootElement.GetProperty("saleId").GetString().ShouldBe(saleId);

        // Paying it: the checkout in claim mode takes the address and the card, and the claim is paid.
        await pay.ClickAsync();
        await ShoppingKit.EnterAddressAsync(buyer);
        await ShoppingKit.EnterCardAsync(buyer, ShoppingKit.GoodCard);
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Heading, new() { Name = "Thank you — your order is placed" })).ToBeVisibleAsync();
        var paid = await buyer.APIRequest.GetAsync("/api/flash-sales/claims/" + Uri.EscapeDataString(claimId));
        using var paidBody = JsonDocument.Parse(await paid.TextAsync());
        paidBody.RootElement.GetProperty("status").GetString().ShouldBe("paid");

        // The polling script ran under the content security policy without a single violation.
        consoleErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_javascript_the_waiting_page_refreshes_itself_until_the_buyer_is_admitted()
    {
        var admin = await FlashSaleData.AdminAsync(shop);
        var skuId = await FlashSaleData.SkuWithStockAsync(admin);
        var saleId = await FlashSaleData.OpenSaleAsync(admin, skuId, quantity: 4, admitPerSecond: 1);
        var other = await FlashSaleData.BuyerAsync(shop);
        (await other.APIRequest.PostAsync($"/api/flash-sales/{saleId}/queue")).Status.ShouldBe(201);

        var buyer = await FlashSaleData.BuyerAsync(shop, javaScript: false);
        await buyer.GotoAsync($"/flash-sales/{saleId}");
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Join the queue" }).ClickAsync();
        await Expect(buyer.Locator("[data-test=queue-position]")).ToBeVisibleAsync();

        // No script runs here: only the page's own refresh can bring the buy button.
        await Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Link, new() { Name = "Pay now" })).ToBeVisibleAsync();
    }

    [GeneratedRegex("[1-9]\\d* (people are|person is) ahead of you")]
    private static partial Regex PeopleAhead();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
