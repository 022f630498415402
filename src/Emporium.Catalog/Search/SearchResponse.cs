using Emporium.BuildingBlocks;

namespace Emporium.Catalog.Search;

internal sealed record SearchResponse(long Total, int Page, int PageSize, IReadOnlyList<ProductSummary> Items, SearchFacets Facets);

internal sealed record ProductSummary(
    string Id,
    string Title,
    NamedRef Brand,
    NamedRef Category,
    Money Price,
    Money MaxPrice,
    RatingSummary Rating,
    bool InStock,
    string? Image);

internal sealed record NamedRef(string Slug, string Name);

internal sealed record RatingSummary(double Average, int Count);

internal sealed record SearchFacets(
    IReadOnlyList<FacetValue> Brand,
    IReadOnlyList<FacetValue> Category,
    IReadOnlyList<FacetValue> Price,
    IReadOnlyList<FacetValue> Rating)
{
    public static readonly SearchFacets Empty = new([], [], [], []);
}

/// <summary>One facet entry: <see cref="Value"/> is what the filter parameter takes, <see cref="Label"/> what people read.</summary>
internal sealed record FacetValue(string Value, string Label, long Count);
