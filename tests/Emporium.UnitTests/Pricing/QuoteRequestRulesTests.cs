using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Pricing;
using Emporium.Pricing.Quotes;

namespace Emporium.UnitTests.Pricing;

public sealed class QuoteRequestRulesTests
{
    private static QuoteRequest Request(string country, params (string Sku, int Quantity)[] lines) =>
        new(lines.Select(l => new QuoteLine(l.Sku, l.Quantity)).ToList(), country);

    private static IReadOnlyDictionary<string, string[]> Refused(QuoteRequest? request)
    {
        var result = QuoteRequestRules.Validate(request);
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Kind.ShouldBe(ErrorKind.Validation);
        return result.Error.Fields!;
    }

    [Fact]
    public void The_same_sku_twice_is_one_line_of_the_sum_in_first_mention_order_and_the_country_is_upper_cased()
    {
        var valid = QuoteRequestRules.Validate(Request(" gb ", ("b", 2), ("a", 1), ("b", 3))).Value;

        valid.Lines.ShouldBe([new QuoteLine("b", 5), new QuoteLine("a", 1)]);
        valid.Country.ShouldBe("GB");
    }

    [Fact]
    public void No_lines_too_many_lines_and_a_missing_body_are_refused()
    {
        Refused(Request("GB")).Keys.ShouldBe(["lines"]);
        Refused(Request("GB", Enumerable.Range(0, 101).Select(i => ($"s{i}", 1)).ToArray())).Keys.ShouldBe(["lines"]);
        Refused(null).Keys.ShouldBe(["body"]);
        QuoteRequestRules.Validate(Request("GB", Enumerable.Range(0, 100).Select(i => ($"s{i}", 1)).ToArray())).IsSuccess.ShouldBeTrue();
    }

    [Fact]
    public void Each_bad_line_is_named_by_its_index()
    {
        var fields = Refused(Request("GB", ("ok", 1), ("", 1), ("zero", 0), ("many", 1_000), (new string('x', 201), 999)));

        fields.Keys.Order().ShouldBe(["lines[1].skuId", "lines[2].quantity", "lines[3].quantity", "lines[4].skuId"]);
    }

    [Fact]
    public void Quantities_that_add_up_past_the_limit_for_one_sku_are_refused()
    {
        Refused(Request("GB", ("a", 500), ("a", 500))).Keys.ShouldBe(["lines"]);
        QuoteRequestRules.Validate(Request("GB", ("a", 500), ("a", 499))).Value.Lines.ShouldBe([new QuoteLine("a", 999)]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("G")]
    [InlineData("GBR")]
    [InlineData("G1")]
    [InlineData("É1")]
    public void A_country_that_is_not_two_letters_is_refused(string country) =>
        Refused(Request(country, ("a", 1))).Keys.ShouldBe(["country"]);

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Refused(new QuoteRequest([new QuoteLine("a", -1)], "x")).Keys.Order().ShouldBe(["country", "lines[0].quantity"]);

    [Fact]
    public void An_agreed_price_is_kept_on_its_merged_line() =>
        QuoteRequestRules.Validate(new QuoteRequest([new QuoteLine("a", 1, 4_999), new QuoteLine("a", 1, 4_999)], "GB"))
            .Value.Lines.ShouldBe([new QuoteLine("a", 2, 4_999)]);

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void An_agreed_price_must_be_positive(long price) =>
        Refused(new QuoteRequest([new QuoteLine("a", 1, price)], "GB")).Keys.ShouldBe(["lines[0].agreedUnitPrice"]);

    [Fact]
    public void One_sku_cannot_have_two_agreed_prices() =>
        Refused(new QuoteRequest([new QuoteLine("a", 1, 100), new QuoteLine("a", 1, 200)], "GB")).Keys.ShouldBe(["lines"]);
}
