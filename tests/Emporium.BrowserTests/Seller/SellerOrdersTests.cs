using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Seller;

/// <summary>The seller's orders: the orders holding their products, showing their lines and not other sellers'.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class SellerOrdersTests(Storefront shop)
{
    [Fact]
    public async Task A_seller_sees_the_order_for_their_product_with_only_their_line()
    {
        var page = await shop.NewShopperAsync();
        var product = await SellerCatalog.ListProductAsync(page, 1_999);
        var sellerId = (await SellerCatalog.SellerProductsAsync(page))
            .Single(p => p.GetProperty("id").GetString() == product.ProductId).GetProperty("sellerId").GetString()!;
        var orderId = await SellerCatalog.PlaceOrderAsync(shop, sellerId, product);

        await page.GotoAsync("/seller");
        await page.GetByRole(AriaRole.Link, new() { Name = "Orders for your products" }).ClickAsync();

        var order = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = orderId });
        await Expect(order).ToContainTextAsync(product.Title);
        await Expect(order).ToContainTextAsync("placed");
        await Expect(order.GetByRole(AriaRole.Row).Filter(new() { HasText = product.Title })).ToContainTextAsync("$39.98");
        await Expect(order).Not.ToContainTextAsync("Someone else's teapot");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
