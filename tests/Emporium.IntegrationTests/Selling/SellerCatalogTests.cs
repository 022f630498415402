using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Selling;

/// <summary>The catalog's write side through the API, on both engines: sellers manage their own products.</summary>
public abstract class SellerCatalogTests(AppFixture fixture)
{
    private async Task<string> CategoryAsync()
    {
        (long Id, string Slug) category = default;
        await TestCatalog.WriteAsync(fixture.App, async c => category = await c.CategoryAsync("Listings"));
        return category.Slug!;
    }

    private static object Listing(string title, string category, string code, long price = 2_500) => new
    {
        title,
        description = "Hand-stitched and sturdy.",
        brand = "Test Brand " + code,
        category,
        attributes = new Dictionary<string, string> { ["material"] = "canvas" },
        images = new[] { "/images/bag.svg" },
        skus = new[]
        {
            new { code = code + "-S", attributes = new Dictionary<string, string> { ["size"] = "S" }, price = new { amount = price, currency = "USD" } },
            new { code = code + "-L", attributes = new Dictionary<string, string> { ["size"] = "L" }, price = new { amount = price + 500, currency = "USD" } },
        },
    };

    private async Task<(string ProductId, string[] SkuIds)> CreateAsync(HttpClient client, string title, string category, string code)
    {
        using var response = await client.PostAsJsonAsync("/api/seller/products", Listing(title, category, code));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var json = JsonDocument.Parse(body).RootElement;
        return (json.GetProperty("id").GetString()!, json.GetProperty("skus").Strings("id").ToArray());
    }

    [Fact]
    public async Task A_new_product_is_searchable_and_shown_at_once()
    {
        var seller = await TestUsers.SellerAsync(fixture.App);
        var word = TestCatalog.UniqueWord();
        var (productId, skuIds) = await CreateAsync(seller.Client, $"Canvas {word} tote", await CategoryAsync(), word);

        var search = await fixture.Client.GetJsonAsync($"/api/search?q={word}");
        search.GetProperty("items").Strings("id").ShouldBe([productId]);
        var product = await fixture.Client.GetJsonAsync($"/api/products/{productId}");
        product.GetProperty("skus").Strings("id").ShouldBe(skuIds);
        product.GetProperty("price").GetProperty("amount").GetInt64().ShouldBe(2_500);
        product.GetProperty("sellerId").GetString().ShouldBe(seller.UserId);
    }

    [Fact]
    public async Task Edits_price_changes_and_deactivation_show_in_search_at_once()
    {
        var seller = await TestUsers.SellerAsync(fixture.App);
        var (oldWord, newWord) = (TestCatalog.UniqueWord(), TestCatalog.UniqueWord());
        var category = await CategoryAsync();
        var (productId, skuIds) = await CreateAsync(seller.Client, $"Canvas {oldWord} tote", category, oldWord);
        (await fixture.Client.GetJsonAsync($"/api/search?q={oldWord}")).GetProperty("total").GetInt64().ShouldBe(1);

        var edit = new { title = $"Canvas {newWord} tote", description = "Now waxed.", brand = "Other Brand", category, attributes = new Dictionary<string, string>(), images = Array.Empty<string>() };
        (await seller.Client.PutAsJsonAsync($"/api/seller/products/{productId}", edit)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fixture.Client.GetJsonAsync($"/api/search?q={oldWord}")).GetProperty("total").GetInt64().ShouldBe(0);
        (await fixture.Client.GetJsonAsync($"/api/search?q={newWord}")).GetProperty("total").GetInt64().ShouldBe(1);
        await using (var connection = await fixture.App.Database.OpenAsync())
        {
            // The vocabulary forgets the replaced word, so typo correction stops steering towards it.
            const string Count = "SELECT doc_count FROM catalog_search_terms WHERE term = @term";
            (await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, Count, new { term = oldWord })).ShouldBe(0);
            (await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, Count, new { term = newWord })).ShouldBe(1);
        }

        var price = new { attributes = new Dictionary<string, string> { ["size"] = "S" }, price = new { amount = 999, currency = "USD" } };
        (await seller.Client.PutAsJsonAsync($"/api/seller/skus/{skuIds[0]}", price)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var found = await fixture.Client.GetJsonAsync($"/api/search?q={newWord}");
        found.GetProperty("items")[0].GetProperty("price").GetProperty("amount").GetInt64().ShouldBe(999);
        (await fixture.Client.GetJsonAsync($"/api/search?q={newWord}&maxPrice=1000")).GetProperty("total").GetInt64().ShouldBe(1);

        (await seller.Client.PostAsync($"/api/seller/products/{productId}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fixture.Client.GetJsonAsync($"/api/search?q={newWord}")).GetProperty("total").GetInt64().ShouldBe(0);
        (await seller.Client.PostAsync($"/api/seller/products/{productId}/activate", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fixture.Client.GetJsonAsync($"/api/search?q={newWord}")).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_price_change_by_the_seller_is_flagged_in_a_shoppers_cart()
    {
        var seller = await TestUsers.SellerAsync(fixture.App);
        var word = TestCatalog.UniqueWord();
        var (_, skuIds) = await CreateAsync(seller.Client, $"Priced {word}", await CategoryAsync(), word);
        var shopper = await TestUsers.CustomerAsync(fixture.App);
        (await shopper.Client.PutAsJsonAsync($"/api/cart/items/{skuIds[0]}", new { quantity = 2 })).EnsureSuccessStatusCode();

        var newPrice = new { attributes = new Dictionary<string, string> { ["size"] = "S" }, price = new { amount = 3_100, currency = "USD" } };
        (await seller.Client.PutAsJsonAsync($"/api/seller/skus/{skuIds[0]}", newPrice)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var line = (await shopper.Client.GetJsonAsync("/api/cart")).GetProperty("lines")[0];
        line.GetProperty("priceChanged").GetBoolean().ShouldBeTrue();
        line.GetProperty("unitPrice").GetProperty("amount").GetInt64().ShouldBe(3_100);
        line.GetProperty("priceWhenAdded").GetProperty("amount").GetInt64().ShouldBe(2_500);
    }

    [Fact]
    public async Task A_seller_cannot_see_or_touch_another_sellers_product()
    {
        var owner = await TestUsers.SellerAsync(fixture.App);
        var other = await TestUsers.SellerAsync(fixture.App);
        var word = TestCatalog.UniqueWord();
        var category = await CategoryAsync();
        var (productId, skuIds) = await CreateAsync(owner.Client, $"Owned {word}", category, word);

        var edit = new { title = "Stolen", description = "", brand = "X", category, attributes = new Dictionary<string, string>(), images = Array.Empty<string>() };
        (await other.Client.PutAsJsonAsync($"/api/seller/products/{productId}", edit)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.PostAsync($"/api/seller/products/{productId}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.PutAsJsonAsync($"/api/seller/skus/{skuIds[0]}", new { price = new { amount = 1, currency = "USD" } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await other.Client.GetJsonAsync("/api/seller/products");
        list.GetProperty("items").Strings("id").ShouldNotContain(productId);
        (await fixture.Client.GetJsonAsync($"/api/products/{productId}")).GetProperty("title").GetString().ShouldBe($"Owned {word}");

        var admin = await TestUsers.AdminAsync(fixture.App);
        (await admin.Client.PostAsync($"/api/seller/products/{productId}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Guests_and_customers_cannot_use_the_seller_api()
    {
        (await fixture.Client.GetAsync("/api/seller/products")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var customer = await TestUsers.CustomerAsync(fixture.App);
        (await customer.Client.GetAsync("/api/seller/products")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("title", "")]
    [InlineData("category", "no-such-category")]
    [InlineData("price", "0")]
    [InlineData("price", "-5")]
    [InlineData("currency", "usd")]
    [InlineData("code", "has spaces")]
    [InlineData("skus", "none")]
    [InlineData("duplicate", "code")]
    public async Task Bad_listings_are_rejected_and_nothing_is_saved(string field, string value)
    {
        var seller = await TestUsers.SellerAsync(fixture.App);
        var word = TestCatalog.UniqueWord();
        var category = field == "category" ? value : await CategoryAsync();
        var price = field == "price" ? long.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 1_000;
        object skus = field switch
        {
            "skus" => Array.Empty<object>(),
            "duplicate" => new[] { new { code = word, price = new { amount = price, currency = "USD" } }, new { code = word, price = new { amount = price, currency = "USD" } } },
            _ => new[] { new { code = field == "code" ? value : word, price = new { amount = price, currency = field == "currency" ? value : "USD" } } },
        };
        var listing = new { title = field == "title" ? value : $"Bad {word}", description = "", brand = "B", category, skus };

        using var response = await seller.Client.PostAsJsonAsync("/api/seller/products", listing);

        ((int)response.StatusCode).ShouldBeInRange(400, 422);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await seller.Client.GetJsonAsync("/api/seller/products")).GetProperty("total").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Bad_edits_are_rejected_and_the_product_is_unchanged()
    {
        var seller = await TestUsers.SellerAsync(fixture.App);
        var word = TestCatalog.UniqueWord();
        var category = await CategoryAsync();
        var (productId, skuIds) = await CreateAsync(seller.Client, $"Steady {word}", category, word);
        var before = (await fixture.Client.GetJsonAsync($"/api/products/{productId}")).ToString();

        var unknownCategory = new { title = "Changed", description = "", brand = "B", category = "no-such-category", attributes = new Dictionary<string, string>(), images = Array.Empty<string>() };
        var emptyTitle = new { title = "", description = "", brand = "B", category, attributes = new Dictionary<string, string>(), images = Array.Empty<string>() };
        ((int)(await seller.Client.PutAsJsonAsync($"/api/seller/products/{productId}", unknownCategory)).StatusCode).ShouldBe(422);
        ((int)(await seller.Client.PutAsJsonAsync($"/api/seller/products/{productId}", emptyTitle)).StatusCode).ShouldBe(400);
        ((int)(await seller.Client.PutAsJsonAsync($"/api/seller/skus/{skuIds[0]}", new { price = new { amount = 0, currency = "USD" } })).StatusCode).ShouldBe(400);
        ((int)(await seller.Client.PutAsJsonAsync($"/api/seller/skus/{skuIds[0]}", new { price = new { amount = 100, currency = "EUR" } })).StatusCode).ShouldBe(422);
        ((int)(await seller.Client.PutAsJsonAsync($"/api/seller/skus/{skuIds[0]}", new { code = word + "-L", price = new { amount = 100, currency = "USD" } })).StatusCode).ShouldBe(409);

        (await fixture.Client.GetJsonAsync($"/api/products/{productId}")).ToString().ShouldBe(before);
        (await fixture.Client.GetJsonAsync($"/api/search?q={word}")).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_sku_code_is_unique_per_seller_but_two_sellers_may_share_one()
    {
        var (first, second) = (await TestUsers.SellerAsync(fixture.App), await TestUsers.SellerAsync(fixture.App));
        var code = TestCatalog.UniqueWord();
        var category = await CategoryAsync();
        await CreateAsync(first.Client, "First", category, code);

        using var again = await first.Client.PostAsJsonAsync("/api/seller/products", Listing("Again", category, code));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await CreateAsync(second.Client, "Second", category, code);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSellerCatalogTests(SqliteAppFixture fixture) : SellerCatalogTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSellerCatalogTests(PostgresAppFixture fixture) : SellerCatalogTests(fixture);
