using System.Globalization;
using System.Text.RegularExpressions;

namespace Emporium.BrowserTests.Catalog;

/// <summary>Reading a catalog page the way a shopper reads it: the result count, the cards' prices and brands.</summary>
internal static partial class CatalogPage
{
    public static ILocator Cards(IPage page) => page.Locator(".product-grid .product-card");

    /// <summary>"1,234 products" → 1234.</summary>
    public static async Task<long> ResultCountAsync(IPage page)
    {
        var text = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        return long.Parse(Number().Match(text).Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
    }

    /// <summary>The cards' prices in page order, in dollars.</summary>
    public static async Task<List<decimal>> PricesAsync(IPage page)
    {
        var texts = await page.Locator(".product-grid .card-price .price").AllInnerTextsAsync();
        return texts.Select(Dollars).ToList();
    }

    public static decimal Dollars(string text) =>
        decimal.Parse(text.Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    /// <summary>A facet's links (brand, category…), inside the filters' fieldset named <paramref name="legend"/>.</summary>
    public static ILocator Facet(IPage page, string legend) =>
        page.GetByRole(AriaRole.Complementary, new() { Name = "Filters" }).GetByRole(AriaRole.Group, new() { Name = legend }).GetByRole(AriaRole.Link);

    /// <summary>A facet link's label and count ("Acme (12)").</summary>
    public static async Task<(string Label, long Count)> FacetValueAsync(ILocator link)
    {
        var label = (await link.Locator(".label").InnerTextAsync()).Trim();
        var count = long.Parse(Number().Match(await link.Locator(".count").InnerTextAsync()).Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        return (label, count);
    }

    [GeneratedRegex("[0-9][0-9,]*")]
    private static partial Regex Number();
}
