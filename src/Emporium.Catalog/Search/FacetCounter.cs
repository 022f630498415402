using System.Globalization;
using Emporium.Catalog.Categories;

namespace Emporium.Catalog.Search;

/// <summary>The filters applied after the match, in memory, so facets can be counted around them.</summary>
internal sealed record FacetFilter(IReadOnlySet<long>? BrandIds, long? MinPrice, long? MaxPrice, double? MinRating);

/// <summary>
/// Applies the facet filters and counts the facets over the whole match set in one pass. Brand,
/// price and rating are counted the way shoppers expect from Shopify or Algolia ("disjunctive"):
/// each facet ignores its own filter and honours the others, so the choices next to a ticked
/// box stay visible with honest counts. Category drills down: it counts the children of the chosen
/// category (or the roots) over the filtered result.
/// </summary>
internal static class FacetCounter
{
    private static readonly int[] RatingThresholds = [4, 3, 2, 1];

    public static (List<Candidate> Results, SearchFacets Facets) Apply(
        IReadOnlyList<Candidate> candidates, FacetFilter filter, CatalogReferenceData.Snapshot reference, Category? selectedCategory)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(reference);

        var results = new List<Candidate>();
        var brandCounts = new Dictionary<long, long>();
        var priceCounts = new long[PriceBuckets.Count];
        var ratingCounts = new long[RatingThresholds.Length];
        var leafCounts = new Dictionary<long, long>();

        foreach (var candidate in candidates)
        {
            var brandOk = filter.BrandIds is null || filter.BrandIds.Contains(candidate.BrandId);
            var priceOk = (filter.MinPrice is null || candidate.Price >= filter.MinPrice) && (filter.MaxPrice is null || candidate.Price <= filter.MaxPrice);
            var ratingOk = filter.MinRating is null || candidate.Rating >= filter.MinRating;

            if (priceOk && ratingOk)
            {
                brandCounts[candidate.BrandId] = brandCounts.GetValueOrDefault(candidate.BrandId) + 1;
            }

            if (brandOk && ratingOk)
            {
                priceCounts[PriceBuckets.IndexOf(candidate.Price)]++;
            }

            if (brandOk && priceOk)
            {
                for (var i = 0; i < RatingThresholds.Length; i++)
                {
                    if (candidate.Rating >= RatingThresholds[i])
                    {
                        ratingCounts[i]++;
                    }
                }
            }

            if (brandOk && priceOk && ratingOk)
            {
                results.Add(candidate);
                leafCounts[candidate.CategoryId] = leafCounts.GetValueOrDefault(candidate.CategoryId) + 1;
            }
        }

        var facets = new SearchFacets(
            Brand: brandCounts
                .Select(b => (Brand: reference.BrandById(b.Key), Count: b.Value))
                .Where(b => b.Brand is not null)
                .OrderByDescending(b => b.Count).ThenBy(b => b.Brand!.Name, StringComparer.Ordinal)
                .Select(b => new FacetValue(b.Brand!.Slug, b.Brand.Name, b.Count))
                .ToList(),
            Category: CategoryFacet(leafCounts, reference, selectedCategory),
            Price: Enumerable.Range(0, PriceBuckets.Count)
                .Where(i => priceCounts[i] > 0)
                .Select(i => new FacetValue(PriceBuckets.Value(i), PriceBuckets.Label(i), priceCounts[i]))
                .ToList(),
            Rating: Enumerable.Range(0, RatingThresholds.Length)
                .Where(i => ratingCounts[i] > 0)
                .Select(i => new FacetValue(
                    RatingThresholds[i].ToString(CultureInfo.InvariantCulture), RatingThresholds[i] == 1 ? "1 star & up" : $"{RatingThresholds[i]} stars & up", ratingCounts[i]))
                .ToList());
        return (results, facets);
    }

    private static List<FacetValue> CategoryFacet(Dictionary<long, long> leafCounts, CatalogReferenceData.Snapshot reference, Category? selected)
    {
        // Roll each product's category up into the child of the selected category it sits under.
        var childCounts = new Dictionary<long, long>();
        var depth = selected is null ? 0 : reference.Ancestry(selected).Count;
        foreach (var (categoryId, count) in leafCounts)
        {
            var category = reference.CategoryById(categoryId);
            if (category is null)
            {
                continue;
            }

            var ancestry = reference.Ancestry(category);
            if (ancestry.Count > depth)
            {
                var child = ancestry[depth].Id;
                childCounts[child] = childCounts.GetValueOrDefault(child) + count;
            }
        }

        return childCounts
            .Select(c => (Category: reference.CategoryById(c.Key)!, Count: c.Value))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category.Name, StringComparer.Ordinal)
            .Select(c => new FacetValue(c.Category.Slug, c.Category.Name, c.Count))
            .ToList();
    }
}
