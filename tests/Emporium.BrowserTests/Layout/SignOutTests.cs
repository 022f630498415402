using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Layout;

[Collection(StorefrontCollection.Name)]
public sealed class SignOutTests(Storefront shop)
{
    [Fact]
    public async Task The_header_button_signs_the_shopper_out()
    {
        var page = await shop.NewShopperAsync();
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Customer);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        (await page.APIRequest.GetAsync("/api/accounts/me")).Status.ShouldBe(401);
    }
}
