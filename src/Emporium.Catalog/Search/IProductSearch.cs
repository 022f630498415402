namespace Emporium.Catalog.Search;

/// <summary>Catalog search: full-text relevance, filters, facet counts, sorting, paging, suggestions.</summary>
internal interface IProductSearch
{
    Task<SearchResponse> SearchAsync(SearchQuery query, CancellationToken cancellationToken);

    Task<SuggestResponse> SuggestAsync(string prefix, CancellationToken cancellationToken);
}

internal sealed record SuggestResponse(string Query, IReadOnlyList<Suggestion> Suggestions);

/// <summary>A completion: <see cref="Kind"/> is product, brand or category; <see cref="Value"/> is its id or slug.</summary>
internal sealed record Suggestion(string Kind, string Text, string Value);
