using Emporium.BrowserTests.Infrastructure;
using static Emporium.BrowserTests.Catalog.CatalogPage;

namespace Emporium.BrowserTests.Catalog;

/// <summary>The home page's departments and featured products, and a category page with its subcategory facet.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class HomeAndCategoryTests(Storefront shop)
{
    [Fact]
    public async Task The_home_page_shows_the_departments_and_top_rated_products_in_stock()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync("/");

        var departments = page.GetByRole(AriaRole.List, new() { Name = "Shop by department" }).GetByRole(AriaRole.Link);
        (await departments.AllInnerTextsAsync()).Select(t => t.Trim()).ShouldContain("Electronics");
        var topRated = page.GetByRole(AriaRole.Region, new() { Name = "Top rated" }).Locator(".product-card");
        (await topRated.CountAsync()).ShouldBe(8);
        var ratings = await topRated.Locator(".stars .average").AllInnerTextsAsync();
        var values = ratings.Select(decimal.Parse).ToList();
        values.ShouldBe(values.OrderDescending().ToList());
        (await topRated.Locator(".badge.bad").CountAsync()).ShouldBe(0);
        await Expect(topRated.First.Locator("img")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/images/catalog/.+\\.svg$"));
        var picture = await page.APIRequest.GetAsync((await topRated.First.Locator("img").GetAttributeAsync("src"))!);
        picture.Headers["content-type"].ShouldStartWith("image/svg+xml");
    }

    [Fact]
    public async Task A_category_page_lists_its_products_and_drills_down_into_a_subcategory()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.List, new() { Name = "Shop by department" }).GetByRole(AriaRole.Link, new() { Name = "Electronics" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Electronics", Level = 1 })).ToBeVisibleAsync();
        page.Url.ShouldEndWith("/categories/electronics");
        var total = await ResultCountAsync(page);
        var computers = Facet(page, "Subcategory").Filter(new() { HasText = "Computers" });
        var (_, count) = await FacetValueAsync(computers);
        count.ShouldBeLessThan(total);
        await Screenshots.SaveAsync(page, "category", Screen.Desktop);

        await computers.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Computers", Level = 1 })).ToBeVisibleAsync();
        page.Url.ShouldEndWith("/categories/computers");
        (await ResultCountAsync(page)).ShouldBe(count);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" }).GetByRole(AriaRole.Link, new() { Name = "Electronics" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_unknown_category_is_the_not_found_page()
    {
        var page = await shop.NewShopperAsync();
        var response = await page.GotoAsync("/categories/no-such-department");
        response!.Status.ShouldBe(404);
    }

    [Theory]
    [InlineData(Screen.Desktop)]
    [InlineData(Screen.Phone)]
    public async Task The_catalog_pages_fit_the_screen(Screen screen)
    {
        var page = await shop.NewShopperAsync(screen);
        foreach (var (name, url) in new[] { ("home", "/"), ("search", "/search?q=steel"), ("category", "/categories/fashion"), ("product", "/products/5") })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            overflow.ShouldBeFalse(name);
            await Screenshots.SaveAsync(page, "catalog-" + name, screen);
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
