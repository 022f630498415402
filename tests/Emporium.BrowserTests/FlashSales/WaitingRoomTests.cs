using System.Text.Json;
using System.Text.RegularExpressions;
using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.FlashSales;

/// <summary>A sale with a waiting room: join, watch the place move, get admitted, buy, and see the claim to pay.</summary>
[Collection(StorefrontCollection.Name)]
public sealed partial class WaitingRoomTests(Storefront shop)
{
    [Fact]
    public async Task A_buyer_joins_the_queue_sees_the_position_move_without_a_reload_is_admitted_and_buys()
    {
        var admin = await FlashSaleData.AdminAsync(shop);
        var skuId = await FlashSaleData.SkuWithStockAsync(admin);

        // One admission a second, and four buyers already in line: our buyer waits a few seconds.
        var saleId = await FlashSaleData.OpenSaleAsync(admin, skuId, quantity: 8, admitPerSecond: 1);
        for (var i = 0; i < 4; i++)
        {
            var other = await FlashSaleData.BuyerAsync(shop);
            var joined = await other.APIRequest.PostAsync($"/api/flash-sales/{saleId}/queue");
            joined.Status.ShouldBe(201);
        }

        var buyer = await FlashSaleData.BuyerAsync(shop);
        await buyer.GotoAsync($"/flash-sales/{saleId}");
        await Expect(buyer.GetByTestId("sale-status")).ToHaveTextAsync("On now");
        await Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" })).ToBeHiddenAsync();
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Join the queue" }).ClickAsync();

        var position = buyer.GetByTestId("queue-position");
        await Expect(position).ToHaveTextAsync(AheadOfYou());
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
        await Expect(buyer.GetByTestId("queue-position")).ToBeVisibleAsync();

        // No script runs here: only the page's own refresh can bring the buy button.
        await Expect(buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await buyer.GetByRole(AriaRole.Button, new() { Name = "Buy now" }).ClickAsync();
        await Expect(buyer.GetByRole(AriaRole.Link, new() { Name = "Pay now" })).ToBeVisibleAsync();
    }

    [GeneratedRegex("ahead of you|next in line")]
    private static partial Regex AheadOfYou();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
