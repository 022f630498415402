using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Emporium.Contracts.Pricing;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Pricing;

/// <summary>
/// <c>POST /api/pricing/quotes</c> and <see cref="IPriceQuotes"/> on the real catalog: current prices,
/// one shipment per seller, tax by destination, and every refusal with the fields it names.
/// </summary>
public abstract class PriceQuoteTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    private static object Body(string country, params (string Sku, int Quantity)[] lines) =>
        new { lines = lines.Select(l => new { skuId = l.Sku, quantity = l.Quantity }), country };

    private async Task<(int Status, JsonElement Json)> PostAsync(object body)
    {
        using var client = _app.CreateClient(); // anonymous
        using var response = await client.PostAsJsonAsync("/api/pricing/quotes", body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement> QuoteAsync(object body)
    {
        var (status, json) = await PostAsync(body);
        status.ShouldBe(200, json.ToString());
        return json;
    }

    private async Task<JsonElement> ProblemAsync(object body, int expectedStatus, string code)
    {
        var (status, json) = await PostAsync(body);
        status.ShouldBe(expectedStatus, json.ToString());
        json.GetProperty("code").GetString().ShouldBe(code);
        return json;
    }

    private static List<string> ErrorKeys(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task An_anonymous_quote_prices_each_line_ships_each_sellers_lines_together_and_adds_tax_on_top()
    {
        var (sellerA, productA, a) = await PricingTestSkus.CreateAsync(_app, "GBP", 1_000, 250);
        var (sellerB, _, b) = await PricingTestSkus.CreateAsync(_app, "GBP", 6_000);

        var quote = await QuoteAsync(Body("gb", (a[0], 2), (b[0], 1), (a[1], 1)));

        quote.GetProperty("currency").GetString().ShouldBe("GBP");
        quote.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("skuId").GetString(), l.GetProperty("sellerId").GetString(), l.GetProperty("quantity").GetInt32(), l.GetProperty("unitPrice").GetInt64(), l.GetProperty("lineTotal").GetInt64()))
            .ShouldBe([(a[0], sellerA, 2, 1_000L, 2_000L), (b[0], sellerB, 1, 6_000L, 6_000L), (a[1], sellerA, 1, 250L, 250L)]);
        var first = quote.GetProperty("lines")[0];
        first.GetProperty("productId").GetString().ShouldBe(productA);
        first.GetProperty("title").GetString()!.ShouldStartWith("Priced ");
        first.GetProperty("attributes").GetProperty("size").GetString().ShouldBe("S0");

        // Seller A's goods (2,250) pay the flat 4.99; seller B's (60.00) ship free. Tax: 20% of 87.49 = 17.498 → 17.50.
        quote.GetProperty("shipments").EnumerateArray()
            .Select(s => (s.GetProperty("sellerId").GetString(), string.Join(",", s.GetProperty("skuIds").EnumerateArray().Select(i => i.GetString())), s.GetProperty("charge").GetInt64()))
            .ShouldBe([(sellerA, $"{a[0]},{a[1]}", 499L), (sellerB, b[0], 0L)]);
        (quote.GetProperty("subtotal").GetInt64(), quote.GetProperty("shipping").GetInt64(), quote.GetProperty("tax").GetInt64(), quote.GetProperty("total").GetInt64())
            .ShouldBe((8_250L, 499L, 1_750L, 10_499L));
        quote.GetProperty("taxRateBasisPoints").GetInt32().ShouldBe(2_000);
    }

    [Fact]
    public async Task Tax_follows_the_destination_and_a_country_without_a_rate_of_its_own_pays_the_default()
    {
        var (_, _, skus) = await PricingTestSkus.CreateAsync(_app, "EUR", 1_000);

        var germany = await QuoteAsync(Body("DE", (skus[0], 1)));
        var japan = await QuoteAsync(Body("JP", (skus[0], 1)));

        // 10.00 + 4.99 shipping = 14.99; 19% = 2.8481 → 2.85.
        (germany.GetProperty("tax").GetInt64(), germany.GetProperty("total").GetInt64(), germany.GetProperty("taxRateBasisPoints").GetInt32()).ShouldBe((285L, 1_784L, 1_900));
        (japan.GetProperty("tax").GetInt64(), japan.GetProperty("total").GetInt64(), japan.GetProperty("taxRateBasisPoints").GetInt32()).ShouldBe((0L, 1_499L, 0));
    }

    [Fact]
    public async Task A_quote_uses_the_price_the_catalog_has_now_and_the_same_sku_twice_is_one_line()
    {
        var (_, _, skus) = await PricingTestSkus.CreateAsync(_app, "USD", 1_000);
        await PricingTestSkus.ExecuteAsync(_app, "UPDATE catalog_skus SET price_amount = 1234 WHERE id = @id", new { id = long.Parse(skus[0], CultureInfo.InvariantCulture) });

        var quotes = _app.Services.GetRequiredService<IPriceQuotes>();
        var quote = (await quotes.QuoteAsync(new QuoteRequest([new(skus[0], 2), new(skus[0], 3)], "us"), CancellationToken.None)).Value;

        quote.Lines.Select(l => (l.SkuId, l.Quantity, l.UnitPrice, l.LineTotal)).ShouldBe([(skus[0], 5, 1_234L, 6_170L)]);
        (quote.Subtotal, quote.Shipping, quote.Tax, quote.Total).ShouldBe((6_170L, 0L, 0L, 6_170L));
    }

    [Fact]
    public async Task An_agreed_unit_price_replaces_the_catalogs_and_a_client_cannot_send_one()
    {
        var (_, _, skus) = await PricingTestSkus.CreateAsync(_app, "USD", 10_000);
        var quotes = _app.Services.GetRequiredService<IPriceQuotes>();

        var quote = (await quotes.QuoteAsync(new QuoteRequest([new(skus[0], 1, 4_000)], "US"), CancellationToken.None)).Value;
        quote.Lines.Select(l => (l.UnitPrice, l.LineTotal)).ShouldBe([(4_000L, 4_000L)]);

        // The HTTP body has no such member: a client's "agreed" price is ignored.
        var json = await QuoteAsync(new { lines = new[] { new { skuId = skus[0], quantity = 1, agreedUnitPrice = 1 } }, country = "US" });
        json.GetProperty("lines")[0].GetProperty("unitPrice").GetInt64().ShouldBe(10_000);
    }

    [Fact]
    public async Task Unknown_and_no_longer_sold_skus_are_a_conflict_that_names_each_of_them()
    {
        var (_, _, skus) = await PricingTestSkus.CreateAsync(_app, "USD", 1_000, 2_000);
        await PricingTestSkus.ExecuteAsync(_app, "UPDATE catalog_skus SET status = 'inactive' WHERE id = @id", new { id = long.Parse(skus[1], CultureInfo.InvariantCulture) });

        var problem = await ProblemAsync(Body("US", (skus[0], 1), (skus[1], 1), ("999999999", 1), ("not-an-id", 1)), 409, "sku_unavailable");

        ErrorKeys(problem).ShouldBe(new[] { skus[1], "999999999", "not-an-id" }.Order(StringComparer.Ordinal).ToList());
        problem.GetProperty("errors").GetProperty(skus[1])[0].GetString().ShouldBe("No longer sold.");
        problem.GetProperty("errors").GetProperty("999999999")[0].GetString().ShouldBe("No such SKU.");
    }

    [Fact]
    public async Task Skus_priced_in_different_currencies_cannot_be_quoted_together()
    {
        var (_, _, dollars) = await PricingTestSkus.CreateAsync(_app, "USD", 1_000);
        var (_, _, euros) = await PricingTestSkus.CreateAsync(_app, "EUR", 1_000);

        var problem = await ProblemAsync(Body("FR", (dollars[0], 1), (euros[0], 1)), 422, "mixed_currencies");

        ErrorKeys(problem).ShouldBe(["EUR", "USD"]);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_each_field()
    {
        var (_, _, skus) = await PricingTestSkus.CreateAsync(_app, "USD", 1_000);

        ErrorKeys(await ProblemAsync(Body("GB"), 400, "validation")).ShouldBe(["lines"]);
        ErrorKeys(await ProblemAsync(Body("GBR", (skus[0], 0), ("", 1), (skus[0], 1_000)), 400, "validation"))
            .ShouldBe(["country", "lines[0].quantity", "lines[1].skuId", "lines[2].quantity"]);
        ErrorKeys(await ProblemAsync(new { lines = new object?[] { new { skuId = skus[0] }, null }, country = "GB" }, 400, "validation"))
            .ShouldBe(["lines[0].quantity", "lines[1].quantity", "lines[1].skuId"]);
        ErrorKeys(await ProblemAsync(new { lines = new[] { new { skuId = skus[0], quantity = 5_000_000_000L } } }, 400, "validation"))
            .ShouldBe(["country", "lines[0].quantity"]);
        ErrorKeys(await ProblemAsync(Body("GB", Enumerable.Range(0, 101).Select(_ => (skus[0], 1)).ToArray()), 400, "validation")).ShouldBe(["lines"]);
        ErrorKeys(await ProblemAsync(Body("GB", (skus[0], 600), (skus[0], 600)), 400, "validation")).ShouldBe(["lines"]);

        using var client = _app.CreateClient();
        using var notJson = await client.PostAsync("/api/pricing/quotes", new StringContent("{ lines: ", Encoding.UTF8, "application/json"));
        ((int)notJson.StatusCode).ShouldBe(400);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePriceQuoteTests(SqliteAppFixture fixture) : PriceQuoteTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPriceQuoteTests(PostgresAppFixture fixture) : PriceQuoteTests(fixture);
