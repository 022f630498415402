using System.Text.RegularExpressions;
using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Shopping;

/// <summary>Checkout on the pages: the card goes to the sandbox gateway only, declines keep the cart, one order per review.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class CheckoutTests(Storefront shop)
{
    [Fact]
    public async Task A_full_checkout_ends_on_the_confirmation_and_the_order_has_its_timeline_and_no_post_carried_the_card()
    {
        var (page, title) = await ShoppingKit.CustomerWithCartAsync(shop, pick: 5);
        var posts = new List<(string Url, string Body)>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posts.Add((request.Url, request.PostData ?? ""));
            }
        };

        await page.GotoAsync("/checkout");
        await Screenshots.SaveAsync(page, "checkout-address");
        await ShoppingKit.EnterAddressAsync(page);
        await Screenshots.SaveAsync(page, "checkout-card");
        await ShoppingKit.EnterCardAsync(page, ShoppingKit.GoodCard);
        await Assertions.Expect(page.GetByText("ending 4242")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=checkout-total]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "checkout-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you — your order is placed" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "checkout-confirmation");
        var orderId = await page.Locator("[data-test=order-id]").InnerTextAsync();

        // The card went to the gateway's form and nowhere else: the checkout's own posts never held it.
        posts.Where(p => p.Url.Contains("/sandbox-gateway/tokenize", StringComparison.Ordinal)).ShouldHaveSingleItem().Body.ShouldContain(ShoppingKit.GoodCard);
        var checkoutPosts = posts.Where(p => new Uri(p.Url).AbsolutePath == "/checkout").ToList();
        checkoutPosts.Count.ShouldBe(2); // the address, then Place order
        checkoutPosts.ShouldAllBe(p => !p.Body.Contains(ShoppingKit.GoodCard) && !p.Body.Contains("cvc"));
        checkoutPosts.ShouldAllBe(p => !Regex.IsMatch(p.Body, "4242\\W*4242"));

        await page.GetByRole(AriaRole.Link, new() { Name = "View your order" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Order " + orderId })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-test=order-status]")).ToHaveTextAsync("paid");
        await Assertions.Expect(page.Locator(".timeline li")).ToHaveCountAsync(2); // placed, paid
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();

        await page.GotoAsync("/account/orders");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = orderId })).ToBeVisibleAsync();
        (await ShoppingKit.CartAsync(page)).GetProperty("lines").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_declined_card_says_so_keeps_the_cart_and_another_card_then_pays()
    {
        var (page, _) = await ShoppingKit.CustomerWithCartAsync(shop, pick: 6);
        await page.GotoAsync("/checkout");
        await ShoppingKit.EnterAddressAsync(page);
        await ShoppingKit.EnterCardAsync(page, ShoppingKit.DecliningCard);
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-test=payment-error]")).ToContainTextAsync("declined");
        await Screenshots.SaveAsync(page, "checkout-declined");
        (await ShoppingKit.CartAsync(page)).GetProperty("lines").GetArrayLength().ShouldBe(1);
        (await ShoppingKit.OrderCountAsync(page)).ShouldBe(0);

        await ShoppingKit.EnterCardAsync(page, ShoppingKit.GoodCard);
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you — your order is placed" })).ToBeVisibleAsync();
        (await ShoppingKit.OrderCountAsync(page)).ShouldBe(1);
    }

    [Fact]
    public async Task Double_clicking_place_order_and_resubmitting_the_same_form_make_one_order()
    {
        var (page, _) = await ShoppingKit.CustomerWithCartAsync(shop, pick: 7);
        await page.GotoAsync("/checkout");
        await ShoppingKit.EnterAddressAsync(page);
        await ShoppingKit.EnterCardAsync(page, ShoppingKit.GoodCard);
        string? placeOrderBody = null;
        var placeOrderUrl = "";
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.PostData?.Contains("idempotencyKey", StringComparison.Ordinal) == true)
            {
                (placeOrderUrl, placeOrderBody) = (request.Url, request.PostData);
            }
        };

        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).DblClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you — your order is placed" })).ToBeVisibleAsync();
        var orderId = await page.Locator("[data-test=order-id]").InnerTextAsync();

        // The same form again, as a browser's "resubmit" would send it.
        placeOrderBody.ShouldNotBeNull();
        var again = await page.APIRequest.PostAsync(placeOrderUrl, new()
        {
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" },
            DataString = placeOrderBody,
        });
        again.Url.ShouldEndWith("/checkout/placed/" + orderId);

        var orders = await ShoppingKit.JsonAsync(page, "/api/orders");
        orders.GetProperty("total").GetInt64().ShouldBe(1);
        orders.GetProperty("items")[0].GetProperty("orderId").GetString().ShouldBe(orderId);
    }

    [Fact]
    public async Task Cart_and_checkout_work_without_javascript()
    {
        var page = await shop.NewShopperWithoutJavaScriptAsync();
        await ShoppingKit.RegisterAsync(page);
        var (skuId, title) = await ShoppingKit.InStockSkuAsync(page, pick: 8);
        await ShoppingKit.PutInCartAsync(page, skuId, 1);

        await page.GotoAsync("/cart");
        await page.GetByLabel("Quantity of " + title).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update " + title }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-test=cart-items]")).ToHaveTextAsync("2");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await ShoppingKit.EnterAddressAsync(page);
        await ShoppingKit.EnterCardAsync(page, ShoppingKit.GoodCard);
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you — your order is placed" })).ToBeVisibleAsync();
        var orders = await ShoppingKit.JsonAsync(page, "/api/orders");
        orders.GetProperty("items")[0].GetProperty("itemCount").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_guest_going_to_checkout_is_sent_to_sign_in_first()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync("/checkout");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/sign-in\\?returnUrl=%2Fcheckout$"));
        await Screenshots.SaveAsync(page, "sign-in");
    }
}
