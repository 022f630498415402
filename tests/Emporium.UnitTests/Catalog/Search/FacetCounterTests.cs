using Emporium.Catalog.Categories;
using Emporium.Catalog.Search;
using static Emporium.UnitTests.Catalog.Search.SampleCatalog;

namespace Emporium.UnitTests.Catalog.Search;

/// <summary>Hand-made cases; <c>FacetCounterTests.BruteForce.cs</c> compares random ones against a plain model.</summary>
public sealed partial class FacetCounterTests
{
    private static readonly FacetFilter NoFilter = new(null, null, null, null);

    [Fact]
    public void A_brand_filter_keeps_the_other_brands_in_the_brand_facet()
    {
        Candidate[] candidates = [Product(1, Acme, Phones, 1_000, 4), Product(2, Acme, Phones, 1_000, 4), Product(3, Bolt, Phones, 3_000, 4)];

        var (results, facets) = Apply(candidates, new FacetFilter(new HashSet<long> { Acme }, null, null, null));

        results.Select(r => r.Id).ShouldBe([1, 2]);
        Counts(facets.Brand).ShouldBe([("acme", 2), ("bolt", 1)]);
    }

    [Fact]
    public void A_brand_filter_narrows_the_price_rating_and_category_facets()
    {
        Candidate[] candidates = [Product(1, Acme, Phones, 1_000, 4.5), Product(2, Bolt, Cookware, 3_000, 2)];

        var (_, facets) = Apply(candidates, new FacetFilter(new HashSet<long> { Acme }, null, null, null));

        Counts(facets.Price).ShouldBe([("0-2499", 1)]);
        Counts(facets.Rating).ShouldBe([("4", 1), ("3", 1), ("2", 1), ("1", 1)]);
        Counts(facets.Category).ShouldBe([("electronics", 1)]);
    }

    [Fact]
    public void A_price_filter_keeps_the_other_price_ranges_and_narrows_the_brand_facet()
    {
        Candidate[] candidates = [Product(1, Acme, Phones, 1_000, 4), Product(2, Bolt, Phones, 30_000, 4), Product(3, Bolt, Phones, 200_000, 4)];

        var (results, facets) = Apply(candidates, new FacetFilter(null, 2_500, 49_999, null));

        results.Select(r => r.Id).ShouldBe([2]);
        Counts(facets.Price).ShouldBe([("0-2499", 1), ("25000-49999", 1), ("100000-", 1)], ignoreOrder: true);
        Counts(facets.Brand).ShouldBe([("bolt", 1)]);
    }

    [Fact]
    public void Price_limits_are_inclusive()
    {
        Candidate[] candidates = [Product(1, Acme, Phones, 2_499, 4), Product(2, Acme, Phones, 2_500, 4), Product(3, Acme, Phones, 5_000, 4), Product(4, Acme, Phones, 5_001, 4)];

        var (results, _) = Apply(candidates, new FacetFilter(null, 2_500, 5_000, null));

        results.Select(r => r.Id).ShouldBe([2, 3]);
    }

    [Fact]
    public void A_rating_filter_keeps_the_rating_facet_and_narrows_the_others()
    {
        Candidate[] candidates = [Product(1, Acme, Phones, 1_000, 4.2), Product(2, Bolt, Phones, 3_000, 2.5)];

        var (results, facets) = Apply(candidates, new FacetFilter(null, null, null, 4));

        results.Select(r => r.Id).ShouldBe([1]);
        Counts(facets.Rating).ShouldBe([("4", 1), ("3", 1), ("2", 2), ("1", 2)]);
        Counts(facets.Brand).ShouldBe([("acme", 1)]);
        Counts(facets.Price).ShouldBe([("0-2499", 1)]);
    }

    [Fact]
    public void Rating_thresholds_count_everything_at_or_above_them_and_read_as_stars()
    {
        Candidate[] candidates = [Product(1, Acme, Phones, 1, 4.0), Product(2, Acme, Phones, 1, 3.99), Product(3, Acme, Phones, 1, 1.0), Product(4, Acme, Phones, 1, 0.5)];

        var (_, facets) = Apply(candidates, NoFilter);

        facets.Rating.ShouldBe(
        [
            new FacetValue("4", "4 stars & up", 1),
            new FacetValue("3", "3 stars & up", 2),
            new FacetValue("2", "2 stars & up", 2),
            new FacetValue("1", "1 star & up", 3),
        ]);
    }

    [Fact]
    public void Facet_entries_without_products_are_left_out()
    {
        Candidate[] candidates = [Product(1, Acme, Phones, 30_000, 0.5)];

        var (_, facets) = Apply(candidates, NoFilter);

        facets.Brand.Select(b => b.Value).ShouldBe(["acme"]);
        facets.Price.Select(p => p.Value).ShouldBe(["25000-49999"]);
        facets.Rating.ShouldBeEmpty();
        facets.Category.Select(c => c.Value).ShouldBe(["electronics"]);
    }

    [Fact]
    public void Price_entries_carry_their_bucket_label()
    {
        var (_, facets) = Apply([Product(1, Acme, Phones, 30_000, 4)], NoFilter);

        facets.Price.ShouldBe([new FacetValue("25000-49999", "250 to 500", 1)]);
    }

    [Fact]
    public void Brands_are_ordered_by_count_then_name_and_carry_slug_and_name()
    {
        Candidate[] candidates =
        [
            Product(1, Dune, Phones, 1, 4), Product(2, Crest, Phones, 1, 4), Product(3, Dune, Phones, 1, 4),
            Product(4, Bolt, Phones, 1, 4), Product(5, Acme, Phones, 1, 4), Product(6, Bolt, Phones, 1, 4),
        ];

        var (_, facets) = Apply(candidates, NoFilter);

        facets.Brand.ShouldBe(
        [
            new FacetValue("bolt", "Bolt", 2),
            new FacetValue("dune", "Dune", 2),
            new FacetValue("acme", "Acme", 1),
            new FacetValue("crest", "Crest", 1),
        ]);
    }

    [Fact]
    public void Without_a_category_the_roots_are_counted_over_their_whole_subtree()
    {
        Candidate[] candidates =
        [
            Product(1, Acme, GamingLaptops, 1, 4), Product(2, Acme, Headphones, 1, 4), Product(3, Acme, Electronics, 1, 4),
            Product(4, Acme, Cookware, 1, 4), Product(5, Acme, Kitchen, 1, 4),
        ];

        var (_, facets) = Apply(candidates, NoFilter);

        facets.Category.ShouldBe([new FacetValue("electronics", "Electronics", 3), new FacetValue("home", "Home", 2)]);
    }

    [Fact]
    public void A_chosen_category_shows_its_children_counted_over_their_subtrees()
    {
        Candidate[] candidates =
        [
            Product(1, Acme, GamingLaptops, 1, 4), Product(2, Acme, Ultrabooks, 1, 4), Product(3, Acme, Ultrabooks, 1, 4),
            Product(4, Acme, Laptops, 1, 4), // in the chosen category itself: a result, but under no child
        ];

        var (results, facets) = Apply(candidates, NoFilter, Category(Laptops));

        results.Count.ShouldBe(4);
        facets.Category.ShouldBe([new FacetValue("ultrabooks", "Ultrabooks", 2), new FacetValue("gaming-laptops", "Gaming laptops", 1)]);
    }

    [Fact]
    public void A_chosen_root_shows_children_with_grandchildren_rolled_up()
    {
        Candidate[] candidates = [Product(1, Acme, Headphones, 1, 4), Product(2, Acme, GamingLaptops, 1, 4), Product(3, Acme, Audio, 1, 4)];

        var (_, facets) = Apply(candidates, NoFilter, Category(Electronics));

        Counts(facets.Category).ShouldBe([("audio", 2), ("laptops", 1)]);
    }

    [Fact]
    public void The_category_facet_counts_only_filtered_results()
    {
        Candidate[] candidates = [Product(1, Acme, Phones, 1, 4), Product(2, Bolt, Cookware, 1, 4)];

        var (_, facets) = Apply(candidates, new FacetFilter(new HashSet<long> { Bolt }, null, null, null));

        Counts(facets.Category).ShouldBe([("home", 1)]);
    }

    [Fact]
    public void Products_of_unknown_brands_or_categories_are_results_but_in_no_such_facet()
    {
        Candidate[] candidates = [Product(1, UnknownBrand, Phones, 1, 4), Product(2, Acme, UnknownCategory, 1, 4)];

        var (results, facets) = Apply(candidates, NoFilter);

        results.Count.ShouldBe(2);
        Counts(facets.Brand).ShouldBe([("acme", 1)]);
        Counts(facets.Category).ShouldBe([("electronics", 1)]);
        Counts(facets.Price).ShouldBe([("0-2499", 2)]);
    }

    [Fact]
    public void An_empty_brand_filter_matches_nothing_but_still_counts_brands()
    {
        var (results, facets) = Apply([Product(1, Acme, Phones, 1, 4)], new FacetFilter(new HashSet<long>(), null, null, null));

        results.ShouldBeEmpty();
        Counts(facets.Brand).ShouldBe([("acme", 1)]);
        facets.Price.ShouldBeEmpty();
        facets.Category.ShouldBeEmpty();
    }

    [Fact]
    public void No_candidates_give_no_results_and_empty_facets()
    {
        var (results, facets) = Apply([], new FacetFilter(new HashSet<long> { Acme }, 1, 2, 3));

        results.ShouldBeEmpty();
        facets.Brand.ShouldBeEmpty();
        facets.Category.ShouldBeEmpty();
        facets.Price.ShouldBeEmpty();
        facets.Rating.ShouldBeEmpty();
    }

    [Fact]
    public void Results_keep_the_order_of_the_candidates()
    {
        Candidate[] candidates = [Product(5, Acme, Phones, 1, 4), Product(2, Acme, Phones, 1, 4), Product(9, Acme, Phones, 1, 4)];

        FacetCounter.Apply(candidates, NoFilter, Reference, null).Results.ShouldBe(candidates);
    }

    private static (List<Candidate> Results, SearchFacets Facets) Apply(Candidate[] candidates, FacetFilter filter, Category? selected = null) =>
        FacetCounter.Apply(candidates, filter, Reference, selected);

    private static List<(string Value, long Count)> Counts(IEnumerable<FacetValue> facet) => [.. facet.Select(f => (f.Value, f.Count))];
}
