using System.Globalization;
using Emporium.Catalog.Categories;
using Emporium.Catalog.Search;
using static Emporium.UnitTests.Catalog.Search.SampleCatalog;

namespace Emporium.UnitTests.Catalog.Search;

/// <summary>
/// Random candidates and filters (fixed seed) against a model written the slow, obvious way: each
/// facet is a separate pass that honours every filter but its own.
/// </summary>
public sealed partial class FacetCounterTests
{
    private static readonly long[] BucketLows = [0, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000];
    private static readonly long[] InterestingPrices = [0, 1, 2_499, 2_500, 4_999, 5_000, 9_999, 10_000, 24_999, 25_000, 49_999, 50_000, 99_999, 100_000, 5_000_000];
    private static readonly double[] InterestingRatings = [0, 0.5, 0.99, 1, 1.5, 2, 2.01, 2.99, 3, 3.5, 3.99, 4, 4.2, 4.99, 5];

    [Fact]
    public void Random_searches_agree_with_the_plain_model()
    {
        var random = new Random(424_242);
        var catalog = Enumerable.Range(1, 400).Select(id => RandomProduct(random, id)).ToList();
        var (nonEmptyResults, nonEmptyCategoryFacets, narrowedBrandFacets) = (0, 0, 0);

        for (var trial = 0; trial < 300; trial++)
        {
            var selected = random.Next(3) == 0 ? null : Categories[random.Next(Categories.Count)];
            // The engine has already narrowed the match to the chosen category's subtree.
            var candidates = catalog.Where(c => selected is null || IsWithin(c.CategoryId, selected.Id)).ToList();
            var filter = RandomFilter(random);
            var context = $"trial {trial}: category {selected?.Slug ?? "-"}, {filter}";

            var (results, facets) = FacetCounter.Apply(candidates, filter, Reference, selected);

            var expected = candidates.Where(c => InBrands(c, filter) && InPrice(c, filter) && InRating(c, filter)).ToList();
            results.ShouldBe(expected, context);
            BySlug(facets.Brand).ShouldBe(ExpectedBrands(candidates, filter), context);
            Counts(facets.Price).ShouldBe(ExpectedPrices(candidates, filter), context);
            Counts(facets.Rating).ShouldBe(ExpectedRatings(candidates, filter), context);
            BySlug(facets.Category).ShouldBe(ExpectedCategories(expected, selected), context);
            foreach (var facet in new[] { facets.Brand, facets.Category })
            {
                facet.Select(f => f.Count).ShouldBeInOrder(SortDirection.Descending, context);
            }

            nonEmptyResults += expected.Count > 0 ? 1 : 0;
            nonEmptyCategoryFacets += facets.Category.Count > 0 ? 1 : 0;
            narrowedBrandFacets += filter.BrandIds is not null && facets.Brand.Any(b => !filter.BrandIds.Contains(BrandBySlug(b.Value))) ? 1 : 0;
        }

        // The comparison above must have had something to compare.
        nonEmptyResults.ShouldBeGreaterThan(100);
        nonEmptyCategoryFacets.ShouldBeGreaterThan(50);
        narrowedBrandFacets.ShouldBeGreaterThan(50);
    }

    /// <summary>Brand and category entries in slug order (the model builds them so); their own order is checked apart.</summary>
    private static List<(string Value, long Count)> BySlug(IEnumerable<FacetValue> facet) =>
        [.. Counts(facet).OrderBy(f => f.Value, StringComparer.Ordinal)];

    private static bool InBrands(Candidate c, FacetFilter f) => f.BrandIds is null || f.BrandIds.Contains(c.BrandId);

    private static bool InPrice(Candidate c, FacetFilter f) => (f.MinPrice is null || c.Price >= f.MinPrice) && (f.MaxPrice is null || c.Price <= f.MaxPrice);

    private static bool InRating(Candidate c, FacetFilter f) => f.MinRating is null || c.Rating >= f.MinRating;

    private static List<(string Value, long Count)> ExpectedBrands(List<Candidate> candidates, FacetFilter filter)
    {
        var counts = new List<(string Value, long Count)>();
        foreach (var brand in Brands.OrderBy(b => b.Slug, StringComparer.Ordinal))
        {
            long count = candidates.Count(c => c.BrandId == brand.Id && InPrice(c, filter) && InRating(c, filter));
            if (count > 0)
            {
                counts.Add((brand.Slug, count));
            }
        }

        return counts;
    }

    private static List<(string Value, long Count)> ExpectedPrices(List<Candidate> candidates, FacetFilter filter)
    {
        var counts = new List<(string Value, long Count)>();
        for (var i = 0; i < BucketLows.Length; i++)
        {
            var low = BucketLows[i];
            var high = i + 1 < BucketLows.Length ? BucketLows[i + 1] - 1 : long.MaxValue;
            long count = candidates.Count(c => c.Price >= low && c.Price <= high && InBrands(c, filter) && InRating(c, filter));
            if (count > 0)
            {
                var value = high == long.MaxValue ? $"{low}-" : $"{low}-{high}";
                counts.Add((value, count));
            }
        }

        return counts;
    }

    private static List<(string Value, long Count)> ExpectedRatings(List<Candidate> candidates, FacetFilter filter)
    {
        var counts = new List<(string Value, long Count)>();
        foreach (var threshold in new[] { 4, 3, 2, 1 })
        {
            long count = candidates.Count(c => c.Rating >= threshold && InBrands(c, filter) && InPrice(c, filter));
            if (count > 0)
            {
                counts.Add((threshold.ToString(CultureInfo.InvariantCulture), count));
            }
        }

        return counts;
    }

    private static List<(string Value, long Count)> ExpectedCategories(List<Candidate> results, Category? selected)
    {
        var counts = new List<(string Value, long Count)>();
        foreach (var child in Categories.Where(c => c.ParentId == selected?.Id).OrderBy(c => c.Slug, StringComparer.Ordinal))
        {
            long count = results.Count(r => IsWithin(r.CategoryId, child.Id));
            if (count > 0)
            {
                counts.Add((child.Slug, count));
            }
        }

        return counts;
    }

    private static Candidate RandomProduct(Random random, int id)
    {
        long brand = random.Next(20) == 0 ? UnknownBrand : Brands[random.Next(Brands.Count)].Id;
        var category = random.Next(25) == 0 ? UnknownCategory : Categories[random.Next(Categories.Count)].Id;
        var price = random.Next(2) == 0 ? InterestingPrices[random.Next(InterestingPrices.Length)] : random.NextInt64(0, 150_000);
        var rating = random.Next(2) == 0 ? InterestingRatings[random.Next(InterestingRatings.Length)] : Math.Round(random.NextDouble() * 5, 2);
        return Product(id, brand, category, price, rating);
    }

    private static FacetFilter RandomFilter(Random random)
    {
        HashSet<long>? brands = null;
        if (random.Next(5) < 3)
        {
            brands = [.. new[] { Acme, Bolt, Crest, Dune, UnknownBrand }.Where(_ => random.Next(3) == 0)];
        }

        long? minPrice = random.Next(2) == 0 ? null : InterestingPrices[random.Next(InterestingPrices.Length)];
        long? maxPrice = random.Next(2) == 0 ? null : InterestingPrices[random.Next(InterestingPrices.Length)];
        double? minRating = random.Next(2) == 0 ? null : InterestingRatings[random.Next(InterestingRatings.Length)];
        return new FacetFilter(brands, minPrice, maxPrice, minRating);
    }

    private static long BrandBySlug(string slug) => Brands.Single(b => b.Slug == slug).Id;
}
