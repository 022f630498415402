using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Catalog;

/// <summary>Bad and extreme search input: a clear 400 problem or an answer, never a 500.</summary>
public abstract class SearchInputTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;

    [Theory]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("minPrice=abc", "minPrice")]
    [InlineData("maxPrice=1.5", "maxPrice")]
    [InlineData("minPrice=500&maxPrice=100", "minPrice")]
    [InlineData("minRating=7", "minRating")]
    [InlineData("inStock=maybe", "inStock")]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=5000&pageSize=100", "page")]
    [InlineData("q=a&q=b", "q")]
    public async Task Bad_parameters_get_a_400_problem_naming_the_parameter(string query, string field)
    {
        using var response = await _client.GetAsync("/api/search?" + query);

        ((int)response.StatusCode).ShouldBe(400);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadJsonAsync();
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task The_longest_allowed_query_of_misspelled_words_is_answered()
    {
        // Ten unknown 19-letter words fill the 200 characters: every one-edit variant of each is looked up (~14,000 words).
        var q = string.Join('+', Enumerable.Range(0, 10).Select(_ => TestCatalog.UniqueWord(19)));

        using var response = await _client.GetAsync($"/api/search?q={q}");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSearchInputTests(SqliteAppFixture fixture) : SearchInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSearchInputTests(PostgresAppFixture fixture) : SearchInputTests(fixture);
