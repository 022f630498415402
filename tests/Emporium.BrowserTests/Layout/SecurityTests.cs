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

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var page = await shop.NewShopperAsync();
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Customer);

        // What another site's hidden form would send: the shopper's cookies, but no token.
        var response = await page.APIRequest.PostAsync("/account/sign-out", new APIRequestContextOptions { Form = page.APIRequest.CreateFormData() });

        response.Status.ShouldBe(400);
        var me = await page.APIRequest.GetAsync("/api/accounts/me");
        me.Status.ShouldBe(200); // still signed in
    }

    [Fact]
    public async Task The_sign_in_cookie_is_http_only_and_same_site()
    {
        var page = await shop.NewShopperAsync();
        await DemoAccounts.SignInThroughApiAsync(page, DemoAccounts.Customer);

        var cookies = await page.Context.CookiesAsync();
        var auth = cookies.Single(c => c.Name == "emporium_auth");
        auth.HttpOnly.ShouldBeTrue();
        auth.SameSite.ShouldBe(SameSiteAttribute.Lax);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
