using System.Text.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Catalog;

/// <summary>Search behaviour, identical on both engines: each engine runs this class through its own subclass.</summary>
public abstract class SearchTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;

    private Task<JsonElement> Search(string query) => _client.GetJsonAsync("/api/search?" + query);

    [Fact]
    public async Task Title_matches_rank_above_brand_and_category_matches_and_those_above_description_matches()
    {
        var word = TestCatalog.UniqueWord();
        TestProduct inTitle = null!, inDescription = null!, inCategory = null!;
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            var brand = await c.BrandAsync("Plain");
            var plain = await c.CategoryAsync("Misc");
            var named = await c.CategoryAsync($"{word} Things");
            inDescription = await c.ProductAsync("Ordinary lamp", brand, plain.Id, description: $"Pairs well with any {word} setup.");
            inCategory = await c.ProductAsync("Ordinary chair", brand, named.Id);
            inTitle = await c.ProductAsync($"Deluxe {word}", brand, plain.Id);
        });

        var result = await Search($"q={word}");

        result.GetProperty("total").GetInt64().ShouldBe(3);
        result.GetProperty("items").Strings("id").ShouldBe([Id(inTitle), Id(inCategory), Id(inDescription)]);
    }

    [Fact]
    public async Task All_words_must_match()
    {
        var (a, b) = (TestCatalog.UniqueWord(), TestCatalog.UniqueWord());
        TestProduct both = null!;
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            var brand = await c.BrandAsync("Solo");
            var category = await c.CategoryAsync("Solo");
            both = await c.ProductAsync($"{a} {b}", brand, category.Id);
            await c.ProductAsync($"{a} only", brand, category.Id);
        });

        var result = await Search($"q={a}+{b}");

        result.GetProperty("items").Strings("id").ShouldBe([Id(both)]);
    }

    [Theory]
    [InlineData("missing")] // a letter left out
    [InlineData("extra")]   // a letter too many
    [InlineData("swapped")] // two letters swapped
    [InlineData("wrong")]   // one letter wrong
    public async Task A_word_with_one_typo_still_finds_the_product(string typo)
    {
        var word = "q" + TestCatalog.UniqueWord(8);
        TestProduct product = null!;
        await TestCatalog.WriteAsync(fixture.App, async c =>
            product = await c.ProductAsync($"Vintage {word}", await c.BrandAsync("Typo"), (await c.CategoryAsync("Typo")).Id));

        var typed = typo switch
        {
            "missing" => word.Remove(3, 1),
            "extra" => word.Insert(3, "z"),
            "swapped" => string.Concat(word[..2], word[3], word[2], word[4..]),
            _ => string.Concat(word[..4], word[4] == 'x' ? 'y' : 'x', word[5..]),
        };

        var result = await Search($"q={typed}");

        result.GetProperty("items").Strings("id").ShouldContain(Id(product), $"'{typed}' should find '{word}'");
    }

    [Fact]
    public async Task A_word_two_edits_away_finds_nothing()
    {
        var word = "q" + TestCatalog.UniqueWord(8);
        await TestCatalog.WriteAsync(fixture.App, async c =>
            await c.ProductAsync($"Vintage {word}", await c.BrandAsync("Far"), (await c.CategoryAsync("Far")).Id));

        // Two substitutions, each guaranteed to change its letter.
        static char Other(char c) => c == 'z' ? 'y' : 'z';
        var result = await Search($"q={word[..3]}{Other(word[3])}{Other(word[4])}{word[5..]}");

        result.GetProperty("total").GetInt64().ShouldBe(0);
    }

    // Words of rare characters (no English word, no other test's word) in three products, so the word
    // is the most common of the typo's neighbours. Nine characters and up go through the trigram index on
    // PostgreSQL, shorter words through the variant lookup (ADR 0012): both must find the same words.
    [Theory]
    [InlineData(9, "delete", 0)]
    [InlineData(9, "delete", 8)]
    [InlineData(9, "insert", 0)]
    [InlineData(9, "insert", 9)]
    [InlineData(9, "substitute", 0)]
    [InlineData(9, "substitute", 4)]
    [InlineData(9, "substitute", 8)]
    [InlineData(9, "transpose", 0)]
    [InlineData(9, "transpose", 4)] // the lowest similarity the trigram threshold allows
    [InlineData(9, "transpose", 7)]
    [InlineData(5, "transpose", 2)]
    [InlineData(5, "delete", 2)]
    [InlineData(4, "delete", 3)]
    [InlineData(4, "transpose", 1)]
    [InlineData(3, "substitute", 1)]
    [InlineData(3, "insert", 3)]
    public async Task A_one_edit_typo_at_the_start_middle_or_end_of_a_word_of_any_length_is_corrected(int length, string edit, int at)
    {
        var word = RareWord(length);
        var products = await RareProductsAsync(word);

        var typed = Typo(word, edit, at);
        var result = await Search($"q={typed}");

        var found = result.GetProperty("items").Strings("id").ToList();
        products.ForEach(p => found.ShouldContain(Id(p), $"'{typed}' should find '{word}'"));
    }

    [Theory]
    [InlineData(9, "transpose", 0, "substitute", 5)]
    [InlineData(9, "delete", 2, "insert", 6)]
    [InlineData(5, "substitute", 0, "substitute", 4)]
    [InlineData(4, "transpose", 0, "delete", 3)]
    public async Task A_word_two_edits_away_is_not_corrected(int length, string first, int firstAt, string second, int secondAt)
    {
        var word = RareWord(length);
        await RareProductsAsync(word);

        var typed = Typo(Typo(word, first, firstAt), second, secondAt);
        var result = await Search($"q={typed}");

        result.GetProperty("items").Strings("title").ShouldNotContain(t => t.Contains(word, StringComparison.Ordinal), $"'{typed}' is two edits from '{word}'");
    }

    /// <summary>Rare letters and digits (thousands of words even of three), no character twice in a row (a swap changes the word).</summary>
    private static string RareWord(int length)
    {
        const string Characters = "jqxzvkw0123456789";
        var word = new System.Text.StringBuilder().Append(Characters[Random.Shared.Next(7)]);
        while (word.Length < length)
        {
            var next = Characters[Random.Shared.Next(Characters.Length)];
            if (next != word[^1])
            {
                word.Append(next);
            }
        }

        return word.ToString();
    }

    private async Task<List<TestProduct>> RareProductsAsync(string word)
    {
        var products = new List<TestProduct>();
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            var (brand, category) = (await c.BrandAsync("Rare"), await c.CategoryAsync("Rare"));
            for (var i = 1; i <= 3; i++)
            {
                products.Add(await c.ProductAsync($"Rare {word} number {i}", brand, category.Id));
            }
        });
        return products;
    }

    /// <summary>One edit at <paramref name="at"/>; an inserted or substituted letter is one the word cannot contain.</summary>
    private static string Typo(string word, string edit, int at) => edit switch
    {
        "delete" => word.Remove(at, 1),
        "insert" => word.Insert(at, "m"),
        "substitute" => string.Concat(word[..at], word[at] == 'm' ? 'p' : 'm', word[(at + 1)..]),
        "transpose" => string.Concat(word[..at], word[at + 1], word[at], word[(at + 2)..]),
        _ => throw new ArgumentOutOfRangeException(nameof(edit), edit, null),
    };

    [Fact]
    public async Task Category_filter_includes_descendants_and_the_facet_drills_down()
    {
        var word = TestCatalog.UniqueWord();
        (long Id, string Slug) root = default, child = default, grandchild = default, other = default;
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            var brand = await c.BrandAsync("Tree");
            root = await c.CategoryAsync("Root");
            child = await c.CategoryAsync("Child", root.Id);
            grandchild = await c.CategoryAsync("Grandchild", child.Id);
            other = await c.CategoryAsync("Other");
            await c.ProductAsync($"{word} one", brand, root.Id);
            await c.ProductAsync($"{word} two", brand, child.Id);
            await c.ProductAsync($"{word} three", brand, grandchild.Id);
            await c.ProductAsync($"{word} four", brand, other.Id);
        });

        var underRoot = await Search($"q={word}&category={root.Slug}");
        var underChild = await Search($"q={word}&category={child.Slug}");

        underRoot.GetProperty("total").GetInt64().ShouldBe(3);
        Facet(underRoot, "category").ShouldBe(new Dictionary<string, long> { [child.Slug!] = 2 });
        underChild.GetProperty("total").GetInt64().ShouldBe(2);
        Facet(underChild, "category").ShouldBe(new Dictionary<string, long> { [grandchild.Slug!] = 1 });
        (await Search($"q={word}&category=no-such-category")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Brand_price_rating_and_stock_filters_each_narrow_the_result()
    {
        var word = TestCatalog.UniqueWord();
        var products = new Dictionary<string, TestProduct>();
        (long Id, string Slug) red = default, blue = default;
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            red = await c.BrandAsync("Red");
            blue = await c.BrandAsync("Blue");
            var category = await c.CategoryAsync("Filters");
            products["cheap"] = await c.ProductAsync($"{word} cheap", red, category.Id, price: 999, rating: 2.0);
            products["mid"] = await c.ProductAsync($"{word} mid", blue, category.Id, price: 4_999, rating: 4.5);
            products["dear"] = await c.ProductAsync($"{word} dear", blue, category.Id, price: 19_999, rating: 3.5, inStock: false);
        });

        async Task<IEnumerable<string>> Ids(string filter) => (await Search($"q={word}&sort=price_asc&{filter}")).GetProperty("items").Strings("id");

        (await Ids($"brand={blue.Slug}")).ShouldBe([Id(products["mid"]), Id(products["dear"])]);
        (await Ids($"brand={red.Slug},{blue.Slug}")).Count().ShouldBe(3);
        (await Ids("minPrice=1000&maxPrice=4999")).ShouldBe([Id(products["mid"])]);
        (await Ids("maxPrice=999")).ShouldBe([Id(products["cheap"])]);
        (await Ids("minRating=3.5")).ShouldBe([Id(products["mid"]), Id(products["dear"])]);
        (await Ids("inStock=true")).ShouldBe([Id(products["cheap"]), Id(products["mid"])]);
        (await Ids($"brand={blue.Slug}&inStock=true&minRating=4")).ShouldBe([Id(products["mid"])]);
    }

    [Fact]
    public async Task Sorts_order_by_price_rating_and_newest()
    {
        var word = TestCatalog.UniqueWord();
        var written = new List<TestProduct>();
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            var brand = await c.BrandAsync("Sorts");
            var category = await c.CategoryAsync("Sorts");
            written.Add(await c.ProductAsync($"{word} a", brand, category.Id, price: 3_000, rating: 1.5));
            written.Add(await c.ProductAsync($"{word} b", brand, category.Id, price: 1_000, rating: 4.9));
            written.Add(await c.ProductAsync($"{word} c", brand, category.Id, price: 2_000, rating: 3.0));
        });

        async Task<IEnumerable<string>> Ids(string sort) => (await Search($"q={word}&sort={sort}")).GetProperty("items").Strings("id");

        (await Ids("price_asc")).ShouldBe(written.OrderBy(p => p.Price).Select(Id));
        (await Ids("price_desc")).ShouldBe(written.OrderByDescending(p => p.Price).Select(Id));
        (await Ids("rating")).ShouldBe(written.OrderByDescending(p => p.Rating).Select(Id));
        (await Ids("newest")).ShouldBe(written.OrderByDescending(p => p.CreatedAt).Select(Id));
    }

    [Fact]
    public async Task Pages_partition_the_result_without_overlap()
    {
        var word = TestCatalog.UniqueWord();
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            var brand = await c.BrandAsync("Pages");
            var category = await c.CategoryAsync("Pages");
            for (var i = 0; i < 23; i++)
            {
                await c.ProductAsync($"{word} item {i}", brand, category.Id, price: 100 + i);
            }
        });

        var pages = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await Search($"q={word}&sort=price_asc&pageSize=10&page={page}");
            result.GetProperty("total").GetInt64().ShouldBe(23);
            result.GetProperty("page").GetInt32().ShouldBe(page);
            pages.AddRange(result.GetProperty("items").Strings("title"));
        }

        pages.Count.ShouldBe(23);
        pages.Distinct().Count().ShouldBe(23);
        (await Search($"q={word}&pageSize=10&page=4")).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Facet_counts_equal_a_brute_force_count_over_the_whole_match_set()
    {
        var word = TestCatalog.UniqueWord();
        var random = new Random(42);
        var brands = new List<(long Id, string Slug)>();
        TestCatalog catalog = null!;
        catalog = await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            for (var b = 0; b < 4; b++)
            {
                brands.Add(await c.BrandAsync($"Facet{b}"));
            }

            var category = await c.CategoryAsync("Facets");
            for (var i = 0; i < 60; i++)
            {
                await c.ProductAsync($"{word} {i}", brands[random.Next(brands.Count)], category.Id,
                    price: random.Next(500, 120_000), rating: Math.Round(1 + (random.NextDouble() * 4), 1), inStock: random.Next(4) > 0);
            }
        });
        var all = catalog.Products;
        var chosenBrands = new[] { brands[0].Slug, brands[2].Slug };
        (long Min, long Max, double Rating) filter = (2_000, 60_000, 2.5);

        var result = await Search($"q={word}&brand={string.Join(',', chosenBrands)}&minPrice={filter.Min}&maxPrice={filter.Max}&minRating={filter.Rating}&pageSize=5");

        bool BrandOk(TestProduct p) => chosenBrands.Contains(p.BrandSlug);
        bool PriceOk(TestProduct p) => p.Price >= filter.Min && p.Price <= filter.Max;
        bool RatingOk(TestProduct p) => p.Rating >= filter.Rating;
        result.GetProperty("total").GetInt64().ShouldBe(all.Count(p => BrandOk(p) && PriceOk(p) && RatingOk(p)));
        result.GetProperty("items").GetArrayLength().ShouldBe(5);
        Facet(result, "brand").ShouldBe(all.Where(p => PriceOk(p) && RatingOk(p)).GroupBy(p => p.BrandSlug).ToDictionary(g => g.Key, g => (long)g.Count()), ignoreOrder: true);
        var ratingFacet = Facet(result, "rating");
        foreach (var threshold in new[] { 1, 2, 3, 4 })
        {
            var expected = all.Count(p => BrandOk(p) && PriceOk(p) && p.Rating >= threshold);
            ratingFacet.GetValueOrDefault(threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);
        }

        var priceFacet = Facet(result, "price");
        priceFacet.Values.Sum().ShouldBe(all.Count(p => BrandOk(p) && RatingOk(p)));
        foreach (var (bucket, count) in priceFacet)
        {
            var bounds = bucket.Split('-');
            var min = long.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
            var max = bounds[1].Length == 0 ? long.MaxValue : long.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture);
            count.ShouldBe(all.Count(p => BrandOk(p) && RatingOk(p) && p.Price >= min && p.Price <= max), $"bucket {bucket}");
        }
    }

    [Fact]
    public async Task Browsing_without_words_lists_a_category_newest_first()
    {
        List<TestProduct> written = [];
        (long Id, string Slug) category = default;
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            var brand = await c.BrandAsync("Browse");
            category = await c.CategoryAsync("Browse");
            for (var i = 0; i < 3; i++)
            {
                written.Add(await c.ProductAsync($"Browse item {i}", brand, category.Id));
            }
        });

        var result = await Search($"category={category.Slug}");

        result.GetProperty("total").GetInt64().ShouldBe(3);
        result.GetProperty("items").Strings("id").ShouldBe(written.OrderByDescending(p => p.CreatedAt).Select(Id));
    }

    [Fact]
    public async Task A_word_is_never_matched_against_the_internal_category_tokens()
    {
        (long Id, string Slug) category = default;
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            category = await c.CategoryAsync("Tokens");
            await c.ProductAsync("Plain product", await c.BrandAsync("Tokens"), category.Id);
        });

        (await Search($"q=c{category.Id}&category={category.Slug}")).GetProperty("total").GetInt64().ShouldBe(0);
        (await Search($"q=plain&category={category.Slug}")).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Inactive_and_draft_products_are_not_found()
    {
        var word = TestCatalog.UniqueWord();
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            var brand = await c.BrandAsync("Hidden");
            var category = await c.CategoryAsync("Hidden");
            await c.ProductAsync($"{word} inactive", brand, category.Id, status: "inactive");
            await c.ProductAsync($"{word} draft", brand, category.Id, status: "draft");
        });

        (await Search($"q={word}")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    private static string Id(TestProduct product) => product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, long> Facet(JsonElement result, string name) =>
        result.GetProperty("facets").GetProperty(name).EnumerateArray()
            .ToDictionary(e => e.GetProperty("value").GetString()!, e => e.GetProperty("count").GetInt64());
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSearchTests(SqliteAppFixture fixture) : SearchTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchTests(PostgresAppFixture fixture) : SearchTests(fixture);
