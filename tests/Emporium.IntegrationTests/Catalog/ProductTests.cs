using System.Net;
using System.Net.Http.Headers;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Catalog;

/// <summary>Product and category reads, ETags and 404s, on both engines.</summary>
public abstract class ProductTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Client;

    [Fact]
    public async Task A_product_comes_with_its_variants_prices_rating_and_category_path()
    {
        TestProduct product = null!;
        (long Id, string Slug) parent = default, child = default;
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            parent = await c.CategoryAsync("Apparel");
            child = await c.CategoryAsync("Shirts", parent.Id);
            product = await c.ProductAsync("Oxford shirt", await c.BrandAsync("Tailor"), child.Id, rating: 4.5, ratingCount: 12, skus:
            [
                new($"SHIRT-{TestCatalog.UniqueWord(6)}-M", new Dictionary<string, string> { ["size"] = "M" }, 3_500, "USD", "active", InStock: true),
                new($"SHIRT-{TestCatalog.UniqueWord(6)}-L", new Dictionary<string, string> { ["size"] = "L" }, 3_900, "USD", "active", InStock: false),
            ]);
        });

        var json = await _client.GetJsonAsync($"/api/products/{product.Id}");

        json.GetProperty("title").GetString().ShouldBe("Oxford shirt");
        json.GetProperty("categories").Strings("slug").ShouldBe([parent.Slug, child.Slug]);
        json.GetProperty("rating").GetProperty("average").GetDouble().ShouldBe(4.5);
        json.GetProperty("rating").GetProperty("count").GetInt32().ShouldBe(12);
        json.GetProperty("price").GetProperty("amount").GetInt64().ShouldBe(3_500);
        var skus = json.GetProperty("skus").EnumerateArray().ToList();
        skus.Count.ShouldBe(2);
        skus[1].GetProperty("attributes").GetProperty("size").GetString().ShouldBe("L");
        skus[1].GetProperty("price").GetProperty("amount").GetInt64().ShouldBe(3_900);
        skus[1].GetProperty("price").GetProperty("currency").GetString().ShouldBe("USD");
        skus[1].GetProperty("availability").GetProperty("inStock").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [InlineData("999999999")]
    [InlineData("not-a-number")]
    [InlineData("-1")]
    public async Task An_unknown_product_is_a_404_problem(string id)
    {
        using var response = await _client.GetAsync($"/api/products/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.ReadJsonAsync()).GetProperty("code").GetString().ShouldBe("product_not_found");
    }

    [Fact]
    public async Task A_draft_product_is_not_shown()
    {
        TestProduct draft = null!;
        await TestCatalog.WriteAsync(fixture.App, async c =>
            draft = await c.ProductAsync("Unreleased", await c.BrandAsync("Draft"), (await c.CategoryAsync("Draft")).Id, status: "draft"));

        using var response = await _client.GetAsync($"/api/products/{draft.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_conditional_get_with_the_etag_is_a_304_without_body()
    {
        TestProduct product = null!;
        await TestCatalog.WriteAsync(fixture.App, async c =>
            product = await c.ProductAsync("Etag lamp", await c.BrandAsync("Etag"), (await c.CategoryAsync("Etag")).Id));
        using var first = await _client.GetAsync($"/api/products/{product.Id}");
        var etag = first.Headers.ETag;
        etag.ShouldNotBeNull();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{product.Id}");
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await _client.SendAsync(request);

        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await second.Content.ReadAsByteArrayAsync()).Length.ShouldBe(0);

        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/products/{product.Id}");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        (await _client.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_catalog_change_is_visible_at_once_despite_the_output_cache()
    {
        var word = TestCatalog.UniqueWord();
        var brand = default((long Id, string Slug));
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            brand = await c.BrandAsync("Cache");
            await c.ProductAsync($"{word} first", brand, (await c.CategoryAsync("Cache")).Id);
        });
        (await _client.GetJsonAsync($"/api/search?q={word}")).GetProperty("total").GetInt64().ShouldBe(1);

        await TestCatalog.WriteAsync(fixture.App, async c => await c.ProductAsync($"{word} second", brand, (await c.CategoryAsync("Cache2")).Id));

        (await _client.GetJsonAsync($"/api/search?q={word}")).GetProperty("total").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Categories_come_as_a_tree()
    {
        (long Id, string Slug) root = default, child = default;
        await TestCatalog.WriteAsync(fixture.App, async c =>
        {
            root = await c.CategoryAsync("Garden");
            child = await c.CategoryAsync("Hoses", root.Id);
        });

        var tree = await _client.GetJsonAsync("/api/categories");

        var node = tree.EnumerateArray().Single(n => n.GetProperty("slug").GetString() == root.Slug);
        node.GetProperty("children").Strings("slug").ShouldBe([child.Slug]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteProductTests(SqliteAppFixture fixture) : ProductTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresProductTests(PostgresAppFixture fixture) : ProductTests(fixture);
