using Emporium.BrowserTests.Infrastructure;
using static Emporium.BrowserTests.Catalog.CatalogPage;

namespace Emporium.BrowserTests.Catalog;

/// <summary>A guest searching the demo catalog: results, facets with counts, chips, sorting, pages, suggestions.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class SearchTests(Storefront shop)
{
    // "stainless steel" is one of the demo catalog's materials: a few dozen products of many brands, more than a page.
    private const string Word = "steel";

    [Fact]
    public async Task A_brand_facet_narrows_the_results_to_that_brand_and_its_chip_takes_it_off_again()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Search products").FillAsync(Word);
        await page.GetByLabel("Search products").PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Results for “{Word}”" })).ToBeVisibleAsync();
        var total = await ResultCountAsync(page);
        total.ShouldBeGreaterThan(24);
        (await Cards(page).CountAsync()).ShouldBe(24);
        await Screenshots.SaveAsync(page, "search", Screen.Desktop);

        var brand = Facet(page, "Brand").First;
        var (name, count) = await FacetValueAsync(brand);
        count.ShouldBeLessThan(total);
        await brand.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("brand="));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(count == 1 ? "1 product" : $"{count} products");
        var brands = await page.Locator(".product-grid .card-brand").AllInnerTextsAsync();
        brands.Count.ShouldBe((int)Math.Min(count, 24));
        brands.ShouldAllBe(b => string.Equals(b.Trim(), name, StringComparison.OrdinalIgnoreCase));

        await page.GetByRole(AriaRole.Link, new() { Name = $"Remove filter: Brand: {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{total} products");
        await Expect(page.Locator(".applied")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Sorting_by_price_ascending_orders_every_page_and_the_next_page_continues_from_the_last()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync($"/search?q={Word}");

        await page.GetByLabel("Sort by").SelectOptionAsync(new SelectOptionValue { Label = "Price: low to high" });
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=price_asc"));
        var first = await PricesAsync(page);
        first.Count.ShouldBe(24);
        first.ShouldBe(first.Order().ToList());

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages" }).GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("page=2"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Page 2" })).ToHaveAttributeAsync("aria-current", "page");
        var second = await PricesAsync(page);
        second.ShouldNotBeEmpty();
        second.ShouldBe(second.Order().ToList());
        second[0].ShouldBeGreaterThanOrEqualTo(first[^1]);
    }

    [Fact]
    public async Task Search_filters_and_sorting_work_without_javascript()
    {
        var page = await shop.NewShopperWithoutJavaScriptAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Search products").FillAsync(Word);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Results for “{Word}”" })).ToBeVisibleAsync();

        await page.GetByLabel("Sort by").SelectOptionAsync(new SelectOptionValue { Label = "Price: high to low" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sort" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=price_desc"));
        var prices = await PricesAsync(page);
        prices.ShouldNotBeEmpty();
        prices.ShouldBe(prices.OrderDescending().ToList());

        var rating = Facet(page, "Customer rating").First;
        var (_, count) = await FacetValueAsync(rating);
        await rating.ClickAsync();
        (await ResultCountAsync(page)).ShouldBe(count);
        page.Url.ShouldContain("sort=price_desc");

        var category = Facet(page, "Category").First;
        var (department, inDepartment) = await FacetValueAsync(category);
        await category.ClickAsync();
        (await ResultCountAsync(page)).ShouldBe(inDepartment);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Remove filter: Category: {department}" }).ClickAsync();
        (await ResultCountAsync(page)).ShouldBe(count);
    }

    [Fact]
    public async Task On_a_phone_the_filters_open_from_a_button_and_stay_usable()
    {
        var page = await shop.NewShopperAsync(Screen.Phone);
        await page.GotoAsync($"/search?q={Word}");
        var filters = page.GetByRole(AriaRole.Complementary, new() { Name = "Filters" });
        await Expect(filters).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, "search", Screen.Phone);

        await page.GetByRole(AriaRole.Link, new() { Name = "Filters" }).ClickAsync();
        await Expect(filters).ToBeVisibleAsync();
        var brand = Facet(page, "Brand").First;
        var (name, count) = await FacetValueAsync(brand);
        await brand.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(count == 1 ? "1 product" : $"{count} products");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Filters (1)" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = $"Remove filter: Brand: {name}" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_misspelt_word_still_finds_products_and_nonsense_says_nothing_matched()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync("/search?q=lapptop");
        (await ResultCountAsync(page)).ShouldBeGreaterThan(0);

        await page.GotoAsync("/search?q=qqzzxxv");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No products match “qqzzxxv”" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Electronics" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Typing_a_prefix_in_the_search_box_offers_suggestions()
    {
        var page = await shop.NewShopperAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Search products").PressSequentiallyAsync("lapt", new() { Delay = 50 });

        var options = page.Locator("#site-search-suggestions option");
        await Expect(options.First).ToBeAttachedAsync();
        var values = await options.EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        values.ShouldContain("Laptops");
        values.Length.ShouldBeGreaterThan(1);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
