using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Layout;

/// <summary>An address that is no page gets the shop's own 404 page in a browser, and ProblemDetails for an API client.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class NotFoundTests(Storefront shop)
{
    [Fact]
    public async Task A_browser_gets_a_404_page_it_can_navigate_on()
    {
        var page = await shop.NewShopperAsync();
        var response = await page.GotoAsync("/no-such-page");

        response!.Status.ShouldBe(404);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "We couldn't find that page" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the shop" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_api_client_still_gets_problem_details()
    {
        var page = await shop.NewShopperAsync();
        var response = await page.APIRequest.GetAsync("/api/no-such-thing");

        response.Status.ShouldBe(404);
        response.Headers["content-type"].ShouldStartWith("application/problem+json");
    }
}
