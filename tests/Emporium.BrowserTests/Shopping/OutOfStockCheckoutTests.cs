using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Shopping;

/// <summary>Asking for more than is in stock: the review says which line is short, nothing is charged, the cart stays.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class OutOfStockCheckoutTests(Storefront shop)
{
    /// <summary>The demo inventory holds one unit of every SKU whose id is a multiple of 51 (DemoInventorySeeder).</summary>
    private const string OneLeftSku = "459";

    [Fact]
    public async Task Two_of_a_last_unit_name_the_short_line_and_place_no_order()
    {
        var page = await shop.NewShopperAsync();
        await ShoppingKit.RegisterAsync(page);
        await ShoppingKit.PutInCartAsync(page, OneLeftSku, 2);

        await page.GotoAsync("/checkout");
        await ShoppingKit.EnterAddressAsync(page);
        await ShoppingKit.EnterCardAsync(page, ShoppingKit.GoodCard);
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Some items are no longer in stock in the quantity you asked for. Nothing was charged.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Requested 2, 1 available." })).ToBeVisibleAsync();
        (await ShoppingKit.OrderCountAsync(page)).ShouldBe(0);
        var cart = await ShoppingKit.CartAsync(page);
        cart.GetProperty("lines").EnumerateArray().Single().GetProperty("quantity").GetInt32().ShouldBe(2);
        await Screenshots.SaveAsync(page, "checkout-out-of-stock");
    }
}
