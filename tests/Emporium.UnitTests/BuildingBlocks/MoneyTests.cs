using Emporium.BuildingBlocks;

namespace Emporium.UnitTests.BuildingBlocks;

public sealed class MoneyTests
{
    [Fact]
    public void Adding_the_same_currency_sums_the_amounts() =>
        new Money(1_250, "USD").Add(new Money(375, "USD")).ShouldBe(new Money(1_625, "USD"));

    [Fact]
    public void Adding_to_zero_gives_the_other_amount() =>
        Money.Zero("EUR").Add(new Money(999, "EUR")).ShouldBe(new Money(999, "EUR"));

    [Fact]
    public void Adding_a_different_currency_throws()
    {
        var exception = Should.Throw<InvalidOperationException>(() => new Money(100, "USD").Add(new Money(100, "EUR")));

        exception.Message.ShouldContain("USD");
        exception.Message.ShouldContain("EUR");
    }

    [Fact]
    public void Currencies_are_compared_exactly() =>
        Should.Throw<InvalidOperationException>(() => new Money(100, "USD").Add(new Money(100, "usd")));

    [Fact]
    public void Adding_past_the_largest_amount_throws_instead_of_wrapping() =>
        Should.Throw<OverflowException>(() => new Money(long.MaxValue, "USD").Add(new Money(1, "USD")));

    [Fact]
    public void Multiplying_scales_the_amount_and_keeps_the_currency() =>
        new Money(1_999, "GBP").Multiply(3).ShouldBe(new Money(5_997, "GBP"));

    [Fact]
    public void Multiplying_past_the_largest_amount_throws_instead_of_wrapping() =>
        Should.Throw<OverflowException>(() => new Money(long.MaxValue / 2 + 1, "USD").Multiply(2));

    [Fact]
    public void Multiplying_a_negative_amount_below_the_smallest_throws() =>
        Should.Throw<OverflowException>(() => new Money(long.MinValue, "USD").Multiply(-1));

    [Fact]
    public void Money_reads_as_amount_and_currency() =>
        new Money(1_250, "USD").ToString().ShouldBe("1250 USD");
}
