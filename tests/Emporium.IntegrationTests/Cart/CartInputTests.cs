using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Cart;

/// <summary>Every bad request is a 4xx problem and leaves the cart exactly as it was.</summary>
public abstract class CartInputTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Theory]
    [InlineData("""{"quantity":-1}""")]
    [InlineData("""{"quantity":1.5}""")]
    [InlineData("""{"quantity":"two"}""")]
    [InlineData("""{"quantity":"2"}""")]
    [InlineData("""{"quantity":null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"quantity":11}""")]
    [InlineData("""{"quantity":1000000}""")]
    [InlineData("""{"quantity":99999999999999999999}""")]
    [InlineData("""[2]""")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_bad_quantity_is_a_400_problem_naming_quantity_and_the_cart_is_unchanged(string? body)
    {
        var (client, sku) = await CartWithOneLineAsync();

        using var response = await client.PutRawAsync(sku, body);

        var problem = await CartApi.ExpectAsync(Task.FromResult(response), 400);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.GetProperty("errors").TryGetProperty("quantity", out _).ShouldBeTrue(problem.ToString());
        (await client.GetAsync()).Lines().ShouldBe([(sku, 2)]);
    }

    [Theory]
    [InlineData("999999999")]
    [InlineData("not-a-sku")]
    [InlineData("-1")]
    public async Task An_unknown_sku_is_a_404_problem_and_the_cart_is_unchanged(string unknown)
    {
        var (client, sku) = await CartWithOneLineAsync();

        var problem = await CartApi.ExpectAsync(client.PutRawAsync(unknown, """{"quantity":1}"""), 404);

        problem.GetProperty("code").GetString().ShouldBe("sku_not_found");
        (await client.GetAsync()).Lines().ShouldBe([(sku, 2)]);
    }

    [Fact]
    public async Task A_sku_no_longer_sold_is_a_422_problem_and_the_cart_is_unchanged()
    {
        var (client, sku) = await CartWithOneLineAsync();
        var inactive = (await CartTestSkus.CreateAsync(_app, (700, "inactive", true)))[0];

        var problem = await CartApi.ExpectAsync(client.PutRawAsync(inactive, """{"quantity":1}"""), 422);

        problem.GetProperty("code").GetString().ShouldBe("sku_not_purchasable");
        (await client.GetAsync()).Lines().ShouldBe([(sku, 2)]);
    }

    [Fact]
    public async Task A_guest_whose_first_request_is_bad_gets_no_cart()
    {
        var sku = (await CartTestSkus.CreateAsync(_app, 1_000))[0];
        var browser = CartApi.Browser(_app);

        using var response = await browser.PutRawAsync(sku, """{"quantity":-3}""");

        ((int)response.StatusCode).ShouldBe(400);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse();
        (await browser.GetAsync()).CartId().ShouldBeNull();
    }

    private async Task<(CartApi Client, string Sku)> CartWithOneLineAsync()
    {
        var sku = (await CartTestSkus.CreateAsync(_app, 1_000))[0];
        var client = CartApi.ApiClient(_app);
        await client.PutAndKeepCartIdAsync(sku, 2);
        return (client, sku);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCartInputTests(SqliteAppFixture fixture) : CartInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCartInputTests(PostgresAppFixture fixture) : CartInputTests(fixture);
