using System.Net.Http.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Payments;

/// <summary>
/// <c>POST /api/payments/tokens</c>: test cards in, single-use tokens out, for anyone (no sign-in);
/// every bad input is a 400 naming its field, a real card a 422, and a refusal stores nothing.
/// </summary>
public abstract class TokenizationTests(AppFixture fixture)
{
    private readonly PaymentsKit _kit = new(fixture.App);

    [Theory]
    [InlineData(PaymentsKit.Visa, "visa", "4242")]
    [InlineData(PaymentsKit.Mastercard, "mastercard", "4444")]
    [InlineData(PaymentsKit.Declining, "visa", "0002")]
    [InlineData(PaymentsKit.NoFunds, "visa", "9995")]
    [InlineData(PaymentsKit.CaptureTimesOut, "visa", "0259")]
    public async Task A_test_card_becomes_a_token_with_its_brand_last_four_and_expiry(string number, string brand, string last4)
    {
        using var response = await _kit.TokenizeAsync(new { number, expMonth = 7, expYear = 2031, cvc = "123" });

        ((int)response.StatusCode).ShouldBe(201, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        body.GetProperty("token").GetString()!.ShouldStartWith("tok_");
        body.GetProperty("brand").GetString().ShouldBe(brand);
        body.GetProperty("last4").GetString().ShouldBe(last4);
        body.GetProperty("expMonth").GetInt32().ShouldBe(7);
        body.GetProperty("expYear").GetInt32().ShouldBe(2031);
        body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ShouldBe(["brand", "expMonth", "expYear", "last4", "token"]);
    }

    [Fact]
    public async Task Each_token_is_new_even_for_the_same_card()
    {
        var first = await _kit.TokenAsync();
        var second = await _kit.TokenAsync();
        first.ShouldNotBe(second);
    }

    public static TheoryData<string, string> BadCards() => new()
    {
        { """{ "expMonth": 12, "expYear": 2035, "cvc": "123" }""", "number" },
        { """{ "number": "", "expMonth": 12, "expYear": 2035, "cvc": "123" }""", "number" },
        { """{ "number": "4242424242424241", "expMonth": 12, "expYear": 2035, "cvc": "123" }""", "number" },
        { """{ "number": "4242x42424242424", "expMonth": 12, "expYear": 2035, "cvc": "123" }""", "number" },
        { """{ "number": "4242", "expMonth": 12, "expYear": 2035, "cvc": "123" }""", "number" },
        { """{ "number": "4242424242424242", "expYear": 2035, "cvc": "123" }""", "expMonth" },
        { """{ "number": "4242424242424242", "expMonth": 13, "expYear": 2035, "cvc": "123" }""", "expMonth" },
        { """{ "number": "4242424242424242", "expMonth": 0, "expYear": 2035, "cvc": "123" }""", "expMonth" },
        { """{ "number": "4242424242424242", "expMonth": 12, "cvc": "123" }""", "expYear" },
        { """{ "number": "4242424242424242", "expMonth": 12, "expYear": 2020, "cvc": "123" }""", "expYear" },
        { """{ "number": "4242424242424242", "expMonth": 12, "expYear": 2035 }""", "cvc" },
        { """{ "number": "4242424242424242", "expMonth": 12, "expYear": 2035, "cvc": "12" }""", "cvc" },
        { """{ "number": "4242424242424242", "expMonth": 12, "expYear": 2035, "cvc": "12345" }""", "cvc" },
        { """{ "number": "4242424242424242", "expMonth": 12, "expYear": 2035, "cvc": "1a3" }""", "cvc" },
    };

    [Theory]
    [MemberData(nameof(BadCards))]
    public async Task A_bad_card_is_a_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        var before = await _kit.RowsAsync("payments_sandbox_tokens");
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await _kit.Client.PostAsync("/api/payments/tokens", content);

        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(400, body);
        var problem = await response.ReadJsonAsync();
        problem.GetProperty("code").GetString().ShouldBe("validation");
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe([field]);
        (await _kit.RowsAsync("payments_sandbox_tokens")).ShouldBe(before);
    }

    [Fact]
    public async Task An_expired_card_is_refused_but_one_expiring_this_month_is_not()
    {
        var now = DateTime.UtcNow;
        var lastMonth = now.AddMonths(-1);
        using (var expired = await _kit.TokenizeAsync(PaymentsKit.Card(expMonth: lastMonth.Month, expYear: lastMonth.Year)))
        {
            ((int)expired.StatusCode).ShouldBe(400);
            (await expired.ReadJsonAsync()).GetProperty("errors").GetProperty("expYear")[0].GetString().ShouldBe("The card has expired.");
        }

        using var current = await _kit.TokenizeAsync(PaymentsKit.Card(expMonth: now.Month, expYear: now.Year));
        ((int)current.StatusCode).ShouldBe(201);
    }

    [Theory]
    [InlineData("4111111111111111")] // a valid number, but not one of the sandbox's
    [InlineData("378282246310005")]
    [InlineData("5105105105105100")]
    public async Task A_valid_card_that_is_not_a_test_card_is_a_422_and_stores_nothing(string number)
    {
        var before = await _kit.RowsAsync("payments_sandbox_tokens");

        using var response = await _kit.TokenizeAsync(PaymentsKit.Card(number));

        ((int)response.StatusCode).ShouldBe(422);
        (await response.ReadJsonAsync()).GetProperty("code").GetString().ShouldBe("card_not_test_card");
        (await _kit.RowsAsync("payments_sandbox_tokens")).ShouldBe(before);
    }

    [Fact]
    public async Task A_body_that_is_not_a_card_is_a_400()
    {
        using var wrongType = await _kit.Client.PostAsJsonAsync("/api/payments/tokens", new { number = 4242424242424242, expMonth = 12, expYear = 2035, cvc = "123" });
        ((int)wrongType.StatusCode).ShouldBe(400);
        using var content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json");
        using var malformed = await _kit.Client.PostAsync("/api/payments/tokens", content);
        ((int)malformed.StatusCode).ShouldBe(400);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteTokenizationTests(SqliteAppFixture fixture) : TokenizationTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresTokenizationTests(PostgresAppFixture fixture) : TokenizationTests(fixture);
