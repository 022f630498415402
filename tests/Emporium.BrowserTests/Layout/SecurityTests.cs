using Emporium.BrowserTests.Infrastructure;

namespace Emporium.BrowserTests.Layout;

/// <summary>What every page promises whatever it shows: its security headers, no script the policy blocks, a usable phone layout.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class SecurityTests(Storefront shop)
{
    [Fact]
    public async Task Pages_carry_a_content_security_policy_without_unsafe_inline_and_refuse_framing()
    {
        var page = await shop.NewShopperAsync();
        var response = await page.GotoAsync("/");

        var headers = await response!.AllHeadersAsync();
        var csp = headers["content-security-policy"];
        csp.ShouldContain("script-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        headers["x-content-type-options"].ShouldBe("nosniff");
    }

    [Fact]
    public async Task The_home_page_runs_without_a_single_policy_violation()
    {
        var page = await shop.NewShopperAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_header_fits_a_phone_without_sideways_scrolling()
    {
        var page = await shop.NewShopperAsync(Screen.Phone);
        await page.GotoAsync("/");

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        overflow.ShouldBeFalse();
        await Expect(page.GetByLabel("Search products")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "home", Screen.Phone);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
