using Emporium.Payments.Gateway.Sandbox;
using Emporium.Payments.Tokens;

namespace Emporium.UnitTests.Payments;

public sealed class CardRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_sandbox_test_card_passes_the_check_digit()
    {
        TestCards.Numbers.Count.ShouldBe(5);
        foreach (var number in TestCards.Numbers)
        {
            CardNumber.PassesLuhn(number).ShouldBeTrue(number);
        }
    }

    [Theory]
    [InlineData("4242424242424241")] // last digit off by one
    [InlineData("2424424242424242")] // two neighbours swapped
    [InlineData("4000000000000003")]
    public void A_mistyped_number_fails_the_check_digit(string number) => CardNumber.PassesLuhn(number).ShouldBeFalse();

    [Theory]
    [InlineData("4242424242424242", "visa")]
    [InlineData("4000000000000002", "visa")]
    [InlineData("5555555555554444", "mastercard")]
    [InlineData("5105105105105100", "mastercard")]
    [InlineData("2223003122003222", "mastercard")]
    [InlineData("378282246310005", "amex")]
    [InlineData("341111111111111", "amex")]
    [InlineData("6011111111111117", "discover")]
    [InlineData("6500000000000002", "discover")]
    [InlineData("3056930009020004", "unknown")]
    public void The_brand_comes_from_the_first_digits(string number, string brand) => CardNumber.BrandOf(number).ShouldBe(brand);

    [Fact]
    public void A_good_card_is_accepted_with_spaces_and_a_two_digit_year()
    {
        var card = CardRules.Validate(new CardRequest("4242 4242-4242 4242", 12, 30, "123"), Now);
        card.IsSuccess.ShouldBeTrue(card.Error?.Message);
        card.Value.Number.ShouldBe("4242424242424242");
        card.Value.ExpYear.ShouldBe(2030);
        card.Value.Brand.ShouldBe("visa");
        card.Value.Last4.ShouldBe("4242");
    }

    [Fact]
    public void A_card_is_good_through_its_expiry_month_and_expired_after_it()
    {
        CardRules.Validate(new CardRequest("4242424242424242", 5, 2026, "123"), Now).IsSuccess.ShouldBeTrue();
        FieldsOf(new CardRequest("4242424242424242", 4, 2026, "123")).ShouldBe(["expYear"]);
        FieldsOf(new CardRequest("4242424242424242", 12, 2025, "123")).ShouldBe(["expYear"]);
    }

    [Theory]
    [InlineData(null, 12, 2030, "123", "number")]
    [InlineData("", 12, 2030, "123", "number")]
    [InlineData("4242abcd42424242", 12, 2030, "123", "number")]
    [InlineData("42424242", 12, 2030, "123", "number")]
    [InlineData("42424242424242424242", 12, 2030, "123", "number")]
    [InlineData("4242424242424241", 12, 2030, "123", "number")]
    [InlineData("4242424242424242", null, 2030, "123", "expMonth")]
    [InlineData("4242424242424242", 0, 2030, "123", "expMonth")]
    [InlineData("4242424242424242", 13, 2030, "123", "expMonth")]
    [InlineData("4242424242424242", 12, null, "123", "expYear")]
    [InlineData("4242424242424242", 12, 1999, "123", "expYear")]
    [InlineData("4242424242424242", 12, 2090, "123", "expYear")]
    [InlineData("4242424242424242", 12, 2030, null, "cvc")]
    [InlineData("4242424242424242", 12, 2030, "12", "cvc")]
    [InlineData("4242424242424242", 12, 2030, "12345", "cvc")]
    [InlineData("4242424242424242", 12, 2030, "12a", "cvc")]
    public void Each_bad_field_is_named(string? number, int? month, int? year, string? cvc, string field) =>
        FieldsOf(new CardRequest(number, month, year, cvc)).ShouldBe([field]);

    [Fact]
    public void Every_bad_field_is_reported_at_once_and_a_missing_body_too()
    {
        FieldsOf(new CardRequest(null, null, null, null)).ShouldBe(["cvc", "expMonth", "expYear", "number"]);
        FieldsOf(null).ShouldBe(["body"]);
    }

    [Fact]
    public void A_valid_card_never_shows_its_number_or_cvc_when_printed()
    {
        var card = CardRules.Validate(new CardRequest("4242424242424242", 12, 2030, "987"), Now).Value;
        card.ToString().ShouldNotContain("4242424242424242");
        card.ToString().ShouldNotContain("987");
        card.ToString().ShouldContain("4242");
    }

    private static string[] FieldsOf(CardRequest? request)
    {
        var result = CardRules.Validate(request, Now);
        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe("validation");
        return result.Error.Fields!.Keys.Order(StringComparer.Ordinal).ToArray();
    }
}
