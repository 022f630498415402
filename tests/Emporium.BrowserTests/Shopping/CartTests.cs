using System.Text.RegularExpressions;
using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Shopping;

/// <summary>The cart page and its forms, for guests, and the guest cart following the shopper through sign-in.</summary>
[Collection(StorefrontCollection.Name)]
public sealed partial class CartTests(Storefront shop)
{
    [Fact]
    public async Task The_add_form_adds_to_what_the_cart_holds_and_a_bad_sku_is_a_message_not_an_error()
    {
        var page = await shop.NewShopperAsync();
        var (skuId, title) = await ShoppingKit.InStockSkuAsync(page, pick: 1);
        await page.GotoAsync("/account/sign-in");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");

        await PostAddAsync(page, token!, skuId, "1");
        var second = await PostAddAsync(page, token!, skuId, "2");

        second.Url.ShouldEndWith("/cart?notice=added");
        var line = (await ShoppingKit.CartAsync(page)).GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("skuId").GetString() == skuId);
        line.GetProperty("quantity").GetInt32().ShouldBe(3);

        var unknown = await PostAddAsync(page, token!, "no-such-sku", "1");
        unknown.Status.ShouldBe(200);
        (await unknown.TextAsync()).ShouldContain("find that item; nothing was added");
        await page.GotoAsync("/cart");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_guest_changes_and_removes_lines_on_the_cart_page()
    {
        var page = await shop.NewShopperAsync();
        var (first, firstTitle) = await ShoppingKit.InStockSkuAsync(page, pick: 2);
        var (second, secondTitle) = await ShoppingKit.InStockSkuAsync(page, pick: 3);
        await ShoppingKit.PutInCartAsync(page, first, 1);
        await ShoppingKit.PutInCartAsync(page, second, 1);

        await page.GotoAsync("/cart");
        await page.GetByLabel("Quantity of " + firstTitle).FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update " + firstTitle }).ClickAsync();
        await Assertions.Expect(page.GetByText("Quantity updated.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove " + secondTitle }).ClickAsync();
        await Assertions.Expect(page.GetByText("Removed from your cart.")).ToBeVisibleAsync();

        var lines = (await ShoppingKit.CartAsync(page)).GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => (l.GetProperty("skuId").GetString(), l.GetProperty("quantity").GetInt32())).ShouldBe([(first, 3)]);
        await Assertions.Expect(page.Locator("[data-test=cart-items]")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("[data-test=cart-count]")).ToHaveTextAsync(", lines: 1");
        await Screenshots.SaveAsync(page, "cart");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove " + firstTitle }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your cart is empty.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_guest_cart_merges_into_the_account_when_the_guest_signs_in_on_the_way_to_checkout()
    {
        var registrar = await shop.NewShopperAsync();
        var email = await ShoppingKit.RegisterAsync(registrar);
        var page = await shop.NewShopperAsync();
        var (skuId, title) = await ShoppingKit.InStockSkuAsync(page, pick: 4);
        await ShoppingKit.PutInCartAsync(page, skuId, 2);

        await page.GotoAsync("/cart");
        await page.GetByRole(AriaRole.Link, new() { Name = "Check out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/sign-in\\?returnUrl=%2Fcheckout$"));
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(ShoppingKit.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/checkout$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Complementary).GetByText(title)).ToBeVisibleAsync();
        var cart = await ShoppingKit.CartAsync(page);
        (cart.TryGetProperty("cartId", out var cartId) ? cartId.ValueKind : System.Text.Json.JsonValueKind.Null).ShouldBe(System.Text.Json.JsonValueKind.Null); // the user's cart, not a guest's
        cart.GetProperty("lines").EnumerateArray().Single().GetProperty("quantity").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_wrong_password_is_a_clear_error_and_signs_nobody_in()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(DemoAccounts.Customer);
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not correct.");
        (await page.APIRequest.GetAsync("/api/accounts/me")).Status.ShouldBe(401);
    }

    [Fact]
    public async Task Signing_up_on_the_page_creates_the_account_and_signs_it_in()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync("/account/sign-up?returnUrl=%2Faccount%2Forders");
        await page.GetByLabel("Name").FillAsync("Page Shopper");
        await page.GetByLabel("Email").FillAsync($"page-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToContainTextAsync("characters");

        await page.GetByLabel("Password").FillAsync(ShoppingKit.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your orders" })).ToBeVisibleAsync();
        (await page.APIRequest.GetAsync("/api/accounts/me")).Status.ShouldBe(200);
    }

    private static Task<IAPIResponse> PostAddAsync(IPage page, string token, string skuId, string quantity)
    {
        var form = page.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        form.Set("skuId", skuId);
        form.Set("quantity", quantity);
        return page.APIRequest.PostAsync("/cart/add", new() { Form = form });
    }
}
