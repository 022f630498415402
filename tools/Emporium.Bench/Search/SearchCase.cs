using System.Globalization;

namespace Emporium.Bench.Search;

/// <summary>
/// One B5 query: 1–3 words from the generated vocabulary (src/Emporium.Catalog/Seeding) and 2–4
/// filters. Prices are minor units, like the API. <see cref="MustMatch"/> is false only for the
/// deliberately empty case, so a search that silently stops finding things fails the run.
/// </summary>
internal sealed record SearchCase(
    string Words,
    string? Category = null,
    string[]? Brands = null,
    long? MinPrice = null,
    long? MaxPrice = null,
    double? MinRating = null,
    bool InStock = false,
    bool MustMatch = true)
{
    public IReadOnlyList<string> Terms => Words.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The query string for <c>GET /api/search</c>, without the cache-busting parameter.</summary>
    public string QueryString() =>
        string.Join('&', Parameters().Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value)))
        + "&pageSize=" + SearchCases.PageSize.ToString(CultureInfo.InvariantCulture);

    /// <summary>A short label for tables: the words, then the filters.</summary>
    public string Label() => $"\"{Words}\" " + string.Join(' ', Parameters().Skip(1).Select(p => p.Name + "=" + p.Value));

    private IEnumerable<(string Name, string Value)> Parameters()
    {
        yield return ("q", Words);
        if (Category is not null)
        {
            yield return ("category", Category);
        }

        if (Brands is not null)
        {
            yield return ("brand", string.Join(',', Brands));
        }

        if (MinPrice is not null)
        {
            yield return ("minPrice", MinPrice.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (MaxPrice is not null)
        {
            yield return ("maxPrice", MaxPrice.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (MinRating is not null)
        {
            yield return ("minRating", MinRating.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (InStock)
        {
            yield return ("inStock", "true");
        }
    }
}

/// <summary>The fixed B5 query list: deterministic, so every run and every machine measures the same work.</summary>
internal static class SearchCases
{
    public const int PageSize = 24;

    public static readonly IReadOnlyList<SearchCase> All =
    [
        // Brand names and category words: the broad queries a shopper types first (tens of thousands of matches).
        new("acme", MinRating: 1, InStock: true),
        new("alpine", Category: "sports-outdoors", InStock: true),
        new("electronics", Brands: ["acme"], InStock: true),
        new("handmade", Brands: ["northwind"], MinRating: 4),
        new("eco", Brands: ["proseware", "lucerne"], InStock: true),
        new("classic", Brands: ["fabrikam"], MinPrice: 1_000, MaxPrice: 5_000),
        new("wireless", Category: "electronics", InStock: true),
        new("premium", Category: "home-kitchen", Brands: ["litware"], MaxPrice: 20_000),
        new("slim", Category: "electronics", MinRating: 4, InStock: true),
        new("quiet", Category: "electronics", MinPrice: 10_000, InStock: true),
        new("pro", Category: "computers", MinRating: 4, InStock: true),
        new("ultralight", Category: "camping", InStock: true),

        // Product nouns within their category.
        new("laptop", Category: "laptops", MinPrice: 50_000, MaxPrice: 150_000),
        new("smartphone", Category: "phones", Brands: ["contoso", "tailspin"], MinPrice: 30_000),
        new("headphones", Category: "headphones", MinRating: 3.5, InStock: true),
        new("novel", Category: "books", Brands: ["woodgrove"], MaxPrice: 2_000),
        new("tent", Category: "camping", Brands: ["alpine"], MinRating: 3),
        new("dress", Category: "dresses", MinPrice: 5_000, MaxPrice: 15_000, InStock: true),
        new("keyboard", Category: "keyboards", Brands: ["litware", "acme"], InStock: true),
        new("puzzle", Category: "toys-games", MaxPrice: 3_000, InStock: true),
        new("moisturizer", Category: "skincare", Brands: ["lucerne"], MinRating: 2),
        new("monitor", Category: "monitors", Brands: ["fabrikam"], MinPrice: 20_000, MaxPrice: 60_000),
        new("granola", Category: "snacks", Brands: ["woodgrove", "wingtip"]),
        new("perfume", Category: "fragrance", MaxPrice: 10_000, MinRating: 3),

        // Two and three words: adjective + noun, materials and uses from the descriptions.
        new("acme laptop", Category: "computers", MinRating: 4),
        new("waterproof jacket", Category: "fashion", Brands: ["northwind", "contoso"], InStock: true),
        new("running shoes", Category: "shoes", MaxPrice: 15_000, MinRating: 3),
        new("espresso machine", Category: "coffee-makers", MinRating: 4, InStock: true),
        new("organic cotton", Category: "fashion", MaxPrice: 5_000, InStock: true),
        new("stainless steel", Category: "cookware", MinRating: 2, InStock: true),
        new("compact camera", Category: "cameras", MinPrice: 50_000, InStock: true),
        new("vintage lamp", Category: "lighting", MaxPrice: 30_000, InStock: true),
        new("coffee beans", Category: "coffee-tea", Brands: ["wingtip"], MinPrice: 1_000),
        new("rugged boots", Category: "boots", MaxPrice: 25_000, InStock: true),
        new("smart smartwatch", Category: "smartwatches", Brands: ["adventure-works"], MinRating: 3),
        new("travel backpack", Category: "sports-outdoors", MinRating: 4, InStock: true),
        new("merino wool", Category: "mens-clothing", MaxPrice: 20_000, InStock: true),
        new("modern desk", Category: "furniture", MaxPrice: 100_000, InStock: true),
        new("weekend trips", Category: "fashion", MinRating: 3, InStock: true),
        new("deluxe board game", Category: "board-games", MinRating: 3, InStock: true),
        new("alpine sleeping bag", Category: "camping", MinRating: 2, InStock: true),
        new("waterproof hiking boots", Category: "boots", InStock: true, MaxPrice: 25_000),
        new("essential tablet", Category: "tablets", Brands: ["tailspin"], InStock: true),

        // Words that exist, in a category where they never occur: the empty answer must stay fast too.
        new("espresso", Category: "books", InStock: true, MustMatch: false),
    ];
}
