using System.Text;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;

namespace Emporium.IntegrationTests.Checkout;

/// <summary>Bad checkout requests: a clear 4xx naming the problem, and nothing started, held or charged.</summary>
public abstract class CheckoutInputTests(AppFixture fixture)
{
    private const string Address = """{"name":"Ada","line1":"1 Test Street","city":"London","postalCode":"N1 1AA","country":"GB"}""";

    private readonly EmporiumApp _app = fixture.App;

    public static TheoryData<string, string?, string?, int, string> Cases => new()
    {
        { "no key", null, $$"""{"shippingAddress":{{Address}},"paymentToken":"TOKEN"}""", 400, "Idempotency-Key" },
        { "key too long", new string('k', 256), $$"""{"shippingAddress":{{Address}},"paymentToken":"TOKEN"}""", 400, "Idempotency-Key" },
        { "key with a space", "two words", $$"""{"shippingAddress":{{Address}},"paymentToken":"TOKEN"}""", 400, "Idempotency-Key" },
        { "no address", "k1", """{"paymentToken":"TOKEN"}""", 400, "shippingAddress" },
        { "three-letter country", "k2", """{"shippingAddress":{"name":"Ada","line1":"1 St","city":"London","postalCode":"N1","country":"GBR"},"paymentToken":"TOKEN"}""", 400, "shippingAddress.country" },
        { "no name", "k3", """{"shippingAddress":{"line1":"1 St","city":"London","postalCode":"N1","country":"GB"},"paymentToken":"TOKEN"}""", 400, "shippingAddress.name" },
        { "line too long", "k4", $$"""{"shippingAddress":{"name":"Ada","line1":"{{new string('x', 201)}}","city":"London","postalCode":"N1","country":"GB"},"paymentToken":"TOKEN"}""", 400, "shippingAddress.line1" },
        { "no token", "k5", $$"""{"shippingAddress":{{Address}}}""", 400, "paymentToken" },
        { "token not a string", "k6", $$"""{"shippingAddress":{{Address}},"paymentToken":42}""", 400, "" },
        { "malformed JSON", "k7", """{"shippingAddress":""", 400, "" },
        { "empty body", "k8", "", 400, "" },
        { "a coupon that does not exist", "k9", $$"""{"shippingAddress":{{Address}},"paymentToken":"TOKEN","couponCode":"HALFOFF"}""", 422, "coupon_not_found" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_is_refused_and_changes_nothing(string why, string? key, string? body, int status, string field)
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 3);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 1);
        var token = await CheckoutApi.TokenAsync(buyer.Client, TestCards.Approves);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkout")
        {
            Content = new StringContent(body!.Replace("TOKEN", token, StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        using var response = await buyer.Client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, $"{why}: {text}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", why);
        if (field.Length > 0)
        {
            var problem = CheckoutApi.Parse(text);
            var named = status == 400 ? problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList() : [problem.GetProperty("code").GetString()!];
            named.ShouldContain(field, why);
        }

        (await CheckoutAssertions.SagaCountAsync(_app, buyer.UserId)).ShouldBe(0, why);
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((3, 0, 3), why);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCheckoutInputTests(SqliteAppFixture fixture) : CheckoutInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckoutInputTests(PostgresAppFixture fixture) : CheckoutInputTests(fixture);
