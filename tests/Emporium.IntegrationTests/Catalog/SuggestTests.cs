using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Catalog;

/// <summary>Autocomplete, identical on both engines.</summary>
public abstract class SuggestTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task Suggest_completes_a_three_letter_prefix_to_titles_brands_and_categories()
    {
        var word = "k" + TestCatalog.UniqueWord(7);
        (long Id, string Slug) brand = default, category = default;
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            brand = await c.BrandAsync(word + "brand");
            category = await c.CategoryAsync(word + "cat");
            await c.ProductAsync($"Glow {word}lamp", brand, category.Id);
        });

        var result = await _client.GetJsonAsync($"/api/search/suggest?q={word[..3]}");
        var suggestions = result.GetProperty("suggestions").EnumerateArray()
            .Select(s => (Kind: s.GetProperty("kind").GetString(), Value: s.GetProperty("value").GetString())).ToList();

        suggestions.ShouldContain(("brand", brand.Slug));
        suggestions.ShouldContain(("category", category.Slug));
        suggestions.ShouldContain(s => s.Kind == "product");
        suggestions.Count.ShouldBeLessThanOrEqualTo(10);
    }

    [Theory]
    [InlineData("kiy")] // a stemmer turns a trailing y into i
    [InlineData("kis")] // …and drops a trailing s
    [InlineData("bat")]
    public async Task Suggest_completes_prefixes_that_a_stemmer_would_rewrite(string prefix)
    {
        var word = prefix + TestCatalog.UniqueWord(7);
        TestProduct product = null!;
        await TestCatalog.WriteAsync(fixture.App, async c =>
            product = await c.ProductAsync($"Glow {word}", await c.BrandAsync("Stem"), (await c.CategoryAsync("Stem")).Id));

        var result = await _client.GetJsonAsync($"/api/search/suggest?q=glow+{prefix}");

        result.GetProperty("suggestions").EnumerateArray()
            .Where(s => s.GetProperty("kind").GetString() == "product")
            .Select(s => s.GetProperty("value").GetString())
            .ShouldContain(Id(product));
    }

    [Fact]
    public async Task Suggest_without_a_query_is_a_400_problem()
    {
        using var response = await _client.GetAsync("/api/search/suggest?q=");

        ((int)response.StatusCode).ShouldBe(400);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private static string Id(TestProduct product) => product.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSuggestTests(SqliteAppFixture fixture) : SuggestTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSuggestTests(PostgresAppFixture fixture) : SuggestTests(fixture);
