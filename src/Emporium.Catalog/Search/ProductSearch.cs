using System.Globalization;
using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Catalog.Categories;

namespace Emporium.Catalog.Search;

/// <summary>
/// Search in three steps: the engine matches words (<see cref="IFullTextIndex"/>), facets and filters
/// are counted in memory over the whole match set (<see cref="FacetCounter"/>), and only the
/// requested page is loaded in full.
/// </summary>
internal sealed class ProductSearch(
    Database database, IFullTextIndex index, TypoCorrector corrector, SearchVocabulary vocabulary, CatalogReferenceData referenceData) : IProductSearch
{
    private const int MaxSuggestions = 10;

    /// <summary>How many whole words a fragment may stand for in the title query.</summary>
    private const int MaxCompletions = 8;

    public async Task<SearchResponse> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var reference = await referenceData.GetAsync(cancellationToken);
        var empty = new SearchResponse(0, query.Page, query.PageSize, [], SearchFacets.Empty);

        Category? category = null;
        if (query.Category is not null && (category = reference.CategoryBySlug(query.Category)) is null)
        {
            return empty;
        }

        HashSet<long>? brandIds = null;
        if (query.Brands.Count > 0)
        {
            brandIds = query.Brands.Select(reference.BrandBySlug).OfType<Brand>().Select(b => b.Id).ToHashSet();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var text = query.HasText ? await corrector.CorrectAsync(connection, query.Words, cancellationToken) : null;
        var engineFilter = new EngineFilter(
            category?.Id,
            category is null ? null : reference.Subtree(category).Select(c => c.Id).ToArray(),
            query.InStockOnly,
            Ranked: query.Sort == SearchSort.Relevance);
        var candidates = await index.MatchAsync(connection, text, engineFilter, cancellationToken);

        var (results, facets) = FacetCounter.Apply(
            candidates, new FacetFilter(brandIds, query.MinPrice, query.MaxPrice, query.MinRating), reference, category);
        var top = TopResults.Take(results, query.Page * query.PageSize, Comparer(query.Sort));
        var pageIds = top.Skip((query.Page - 1) * query.PageSize).Select(c => c.Id).ToArray();
        var items = await LoadSummariesAsync(connection, pageIds, reference, cancellationToken);
        return new SearchResponse(results.Count, query.Page, query.PageSize, items, facets);
    }

    public async Task<SuggestResponse> SuggestAsync(string prefix, CancellationToken cancellationToken)
    {
        var words = SearchText.Words(prefix);
        if (words.Count == 0)
        {
            return new SuggestResponse(prefix, []);
        }

        var reference = await referenceData.GetAsync(cancellationToken);
        var phrase = string.Join(' ', words);
        var suggestions = new List<Suggestion>();

        // Categories and brands first (few, and they lead to many products), then product titles.
        suggestions.AddRange(reference.Categories
            .Where(c => StartsWithPhrase(c.Name, phrase))
            .OrderBy(c => c.Name.Length).Take(3)
            .Select(c => new Suggestion("category", c.Name, c.Slug)));
        suggestions.AddRange(reference.Brands
            .Where(b => StartsWithPhrase(b.Name, phrase))
            .OrderBy(b => b.Name.Length).Take(3)
            .Select(b => new Suggestion("brand", b.Name, b.Slug)));

        // The last word is a fragment: complete it from the vocabulary, then match whole words in titles.
        await using var connection = await database.OpenAsync(cancellationToken);
        var completions = await vocabulary.CompletionsAsync(connection, words[^1], MaxCompletions, cancellationToken);
        var titles = completions.Count == 0
            ? []
            : await index.TitlesMatchingAsync(
                connection, new TextQuery([.. words.SkipLast(1).Select(w => (IReadOnlyList<string>)[w]), completions]), MaxSuggestions, cancellationToken);
        suggestions.AddRange(titles
            .DistinctBy(t => t.Title, StringComparer.OrdinalIgnoreCase)
            .Select(t => new Suggestion("product", t.Title, t.Id.ToString(CultureInfo.InvariantCulture))));
        return new SuggestResponse(prefix, suggestions.Take(MaxSuggestions).ToList());
    }

    /// <summary>True when some word of <paramref name="name"/> starts the typed phrase ("lap" → "Gaming Laptops").</summary>
    private static bool StartsWithPhrase(string name, string phrase)
    {
        var words = SearchText.Words(name);
        for (var i = 0; i < words.Count; i++)
        {
            if (string.Join(' ', words.Skip(i)).StartsWith(phrase, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static Comparison<Candidate> Comparer(SearchSort sort) => sort switch
    {
        SearchSort.Relevance => (a, b) => Chain(b.Score.CompareTo(a.Score), b.RatingCount.CompareTo(a.RatingCount), a.Id.CompareTo(b.Id)),
        SearchSort.PriceAscending => (a, b) => Chain(a.Price.CompareTo(b.Price), a.Id.CompareTo(b.Id)),
        SearchSort.PriceDescending => (a, b) => Chain(b.Price.CompareTo(a.Price), a.Id.CompareTo(b.Id)),
        SearchSort.Rating => (a, b) => Chain(b.Rating.CompareTo(a.Rating), b.RatingCount.CompareTo(a.RatingCount), a.Id.CompareTo(b.Id)),
        SearchSort.Newest => (a, b) => Chain(b.CreatedAt.CompareTo(a.CreatedAt), b.Id.CompareTo(a.Id)),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };

    private static int Chain(params ReadOnlySpan<int> comparisons)
    {
        foreach (var comparison in comparisons)
        {
            if (comparison != 0)
            {
                return comparison;
            }
        }

        return 0;
    }

    private async Task<List<ProductSummary>> LoadSummariesAsync(
        System.Data.Common.DbConnection connection, long[] ids, CatalogReferenceData.Snapshot reference, CancellationToken cancellationToken)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        var sql = $"""
            SELECT id AS Id, title AS Title, brand_id AS BrandId, category_id AS CategoryId, currency AS Currency,
                   min_price AS MinPrice, max_price AS MaxPrice, rating_average AS RatingAverage, rating_count AS RatingCount,
                   in_stock AS InStock, images AS Images
            FROM catalog_products WHERE {database.InList("id", "Ids")}
            """;
        var rows = (await connection.QueryAsync<SummaryRow>(new CommandDefinition(sql, new { Ids = ids }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Id);
        return ids.Where(rows.ContainsKey).Select(id =>
        {
            var row = rows[id];
            var brand = reference.BrandById(row.BrandId);
            var category = reference.CategoryById(row.CategoryId);
            return new ProductSummary(
                id.ToString(CultureInfo.InvariantCulture),
                row.Title,
                new NamedRef(brand?.Slug ?? string.Empty, brand?.Name ?? string.Empty),
                new NamedRef(category?.Slug ?? string.Empty, category?.Name ?? string.Empty),
                new Money(row.MinPrice, row.Currency),
                new Money(row.MaxPrice, row.Currency),
                new RatingSummary(Math.Round(row.RatingAverage, 2), (int)row.RatingCount),
                row.InStock == 1,
                JsonSerializer.Deserialize<string[]>(row.Images)?.FirstOrDefault());
        }).ToList();
    }

    private sealed class SummaryRow
    {
        public long Id { get; init; }

        public string Title { get; init; } = string.Empty;

        public long BrandId { get; init; }

        public long CategoryId { get; init; }

        public string Currency { get; init; } = string.Empty;

        public long MinPrice { get; init; }

        public long MaxPrice { get; init; }

        public double RatingAverage { get; init; }

        public long RatingCount { get; init; }

        public long InStock { get; init; }

        public string Images { get; init; } = "[]";
    }
}
