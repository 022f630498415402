using System.Net;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Service;

/// <summary>Health, the OpenAPI document and ProblemDetails for unknown routes.</summary>
[Collection(SqliteCollection.Name)]
public sealed class ServiceTests(SqliteAppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200(string path) =>
        (await _client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task The_openapi_document_lists_the_catalog_routes()
    {
        var document = await _client.GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/search");
        paths.ShouldContain("/api/search/suggest");
        paths.ShouldContain("/api/products/{productId}");
        paths.ShouldContain("/api/categories");
        var searchParameters = document.GetProperty("paths").GetProperty("/api/search").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        searchParameters.ShouldBe(["q", "category", "brand", "minPrice", "maxPrice", "minRating", "inStock", "sort", "page", "pageSize"]);
    }

    [Fact]
    public async Task The_swagger_ui_is_served() =>
        (await _client.GetAsync("/swagger/index.html")).StatusCode.ShouldBe(HttpStatusCode.OK);

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var response = await _client.GetAsync("/api/no-such-thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
