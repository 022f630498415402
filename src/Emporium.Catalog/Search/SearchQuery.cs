using System.Globalization;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Search;

internal enum SearchSort
{
    Relevance,
    PriceAscending,
    PriceDescending,
    Rating,
    Newest,
}

/// <summary>A validated search request: what <c>GET /api/search</c> parses its query string into.</summary>
internal sealed record SearchQuery
{
    public const int MaxQueryLength = 200;
    public const int MaxWords = 10;
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 24;

    /// <summary>Deep pages cost a full sort for little use; past this, narrow the search instead.</summary>
    public const int MaxResultWindow = 10_000;

    public IReadOnlyList<string> Words { get; init; } = [];

    public string? Category { get; init; }

    public IReadOnlyList<string> Brands { get; init; } = [];

    public long? MinPrice { get; init; }

    public long? MaxPrice { get; init; }

    public double? MinRating { get; init; }

    public bool InStockOnly { get; init; }

    public SearchSort Sort { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    public bool HasText => Words.Count > 0;

    private static readonly Dictionary<string, SearchSort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["relevance"] = SearchSort.Relevance,
        ["price_asc"] = SearchSort.PriceAscending,
        ["price_desc"] = SearchSort.PriceDescending,
        ["rating"] = SearchSort.Rating,
        ["newest"] = SearchSort.Newest,
    };

    /// <summary>Parses the query string; every problem is reported at once as a 400 with field errors.</summary>
    public static Result<SearchQuery> Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new ValidationErrors();
        // Unknown parameters are ignored, as every storefront must tolerate tracking parameters (utm_source…).
        var text = Single(query, "q", errors) ?? string.Empty;
        if (text.Length > MaxQueryLength)
        {
            errors.Add("q", $"The query is longer than {MaxQueryLength} characters.");
        }

        var words = SearchText.Words(text);
        if (words.Count > MaxWords)
        {
            errors.Add("q", $"The query has more than {MaxWords} words.");
        }

        var minPrice = Integer(query, "minPrice", 0, long.MaxValue, errors);
        var maxPrice = Integer(query, "maxPrice", 0, long.MaxValue, errors);
        if (minPrice > maxPrice)
        {
            errors.Add("minPrice", "minPrice is greater than maxPrice.");
        }

        var minRating = Number(query, "minRating", 0, 5, errors);
        var inStock = Boolean(query, "inStock", errors) ?? false;
        var page = (int)(Integer(query, "page", 1, int.MaxValue, errors) ?? 1);
        var pageSize = (int)(Integer(query, "pageSize", 1, MaxPageSize, errors) ?? DefaultPageSize);
        if ((long)page * pageSize > MaxResultWindow)
        {
            errors.Add("page", $"Pages beyond the first {MaxResultWindow} results are not served; narrow the search.");
        }

        var category = Single(query, "category", errors);
        var sortText = Single(query, "sort", errors);
        var sort = words.Count > 0 ? SearchSort.Relevance : SearchSort.Newest;
        if (sortText is not null && !Sorts.TryGetValue(sortText, out sort))
        {
            errors.Add("sort", $"Unknown sort '{sortText}'; use one of: {string.Join(", ", Sorts.Keys)}.");
        }

        var brands = query["brand"]
            .SelectMany(b => (b ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (brands.Count > 50)
        {
            errors.Add("brand", "At most 50 brands.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        return new SearchQuery
        {
            Words = words,
            Category = category,
            Brands = brands,
            MinPrice = minPrice,
            MaxPrice = maxPrice,
            MinRating = minRating,
            InStockOnly = inStock,
            // Relevance means nothing without words: browse newest first.
            Sort = sort == SearchSort.Relevance && words.Count == 0 ? SearchSort.Newest : sort,
            Page = page,
            PageSize = pageSize,
        };
    }

    private static string? Single(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(name, $"'{name}' may be given once.");
            return null;
        }

        var value = values[0]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static long? Integer(IQueryCollection query, string name, long min, long max, ValidationErrors errors)
    {
        var text = Single(query, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(name, $"'{name}' must be a whole number from {min} to {max}.");
            return null;
        }

        return value;
    }

    private static double? Number(IQueryCollection query, string name, double min, double max, ValidationErrors errors)
    {
        var text = Single(query, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
        {
            errors.Add(name, $"'{name}' must be a number from {min} to {max}.");
            return null;
        }

        return value;
    }

    private static bool? Boolean(IQueryCollection query, string name, ValidationErrors errors)
    {
        var text = Single(query, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            errors.Add(name, $"'{name}' must be true or false.");
            return null;
        }

        return value;
    }
}
