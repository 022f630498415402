using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Seller;

/// <summary>The seller and admin pages at desktop and phone width: saved for a person to look at, and none scrolls sideways.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class SellerScreenshotTests(Storefront shop)
{
    [Theory]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Phone)]
    public async Task The_seller_and_admin_pages_fit_the_screen(Screen screen)
    {
        var page = await shop.NewShopperAsync(screen);
        var product = await SellerCatalog.ListProductAsync(page, 1_999, 2_499);
        var sellerId = (await SellerCatalog.SellerProductsAsync(page))
            .Single(p => p.GetProperty("id").GetString() == product.ProductId).GetProperty("sellerId").GetString()!;
        await SellerCatalog.PlaceOrderAsync(shop, sellerId, product);

        await ShootAsync(page, "/seller", "seller-products", screen);
        await ShootAsync(page, "/seller/products/new", "seller-new-product", screen);
        await ShootAsync(page, "/seller/products/" + product.ProductId, "seller-product-edit", screen);
        await ShootAsync(page, "/seller/products/" + product.ProductId + "/stock", "seller-stock", screen);
        await ShootAsync(page, "/seller/orders", "seller-orders", screen);

        var admin = await shop.NewShopperAsync(screen);
        await DemoAccounts.SignInThroughApiAsync(admin, DemoAccounts.Admin);
        await ShootAsync(admin, "/admin", "admin", screen);
        await ShootAsync(admin, "/admin/warehouses", "admin-warehouses", screen);
    }

    private static async Task ShootAsync(IPage page, string path, string name, Screen screen)
    {
        var response = await page.GotoAsync(path);
        response!.Ok.ShouldBeTrue($"{path}: {response.Status}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        overflow.ShouldBeFalse($"{path} scrolls sideways at {screen}");
        await Screenshots.SaveAsync(page, name, screen);
    }
}
