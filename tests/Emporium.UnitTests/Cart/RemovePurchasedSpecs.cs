using Emporium.Cart.Model;
using static Emporium.Cart.Model.CartEvent;
using static Emporium.UnitTests.Cart.CartSpec;

namespace Emporium.UnitTests.Cart;

/// <summary>Taking what an order bought out of the cart it was bought from.</summary>
public sealed class RemovePurchasedSpecs
{
    private static readonly DateTimeOffset Later = T0.AddHours(1);

    private static CartCommand.RemovePurchased Bought(params (string Sku, int Quantity)[] lines) =>
        new(lines.ToDictionary(l => l.Sku, l => l.Quantity, StringComparer.Ordinal));

    [Fact]
    public void Lines_bought_in_full_disappear_and_the_rest_of_the_cart_stays() =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 2, 1_999), ("B", 1, 500), ("C", 3, 250)))
            .When(Bought(("A", 2), ("B", 1)), Later)
            .Then(new LineRemoved("A", Later), new LineRemoved("B", Later), new Renewed(Later, Later + Lifetime))
            .Lines.ShouldBe([("C", 3)]);

    [Fact]
    public void A_line_raised_during_checkout_keeps_the_difference()
    {
        var spec = new CartSpec().Given(CartWith(T0, ("A", 2, 1_999)));
        spec.When(new CartCommand.SetQuantity("A", 5, Usd(1_999)), T0.AddMinutes(1));

        spec.When(Bought(("A", 2)), Later).Then(new QuantityChanged("A", 3, Later), new Renewed(Later, Later + Lifetime));

        spec.Lines.ShouldBe([("A", 3)]);
    }

    [Fact]
    public void A_line_lowered_during_checkout_below_what_was_bought_goes() =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 1, 1_999)))
            .When(Bought(("A", 4)), Later)
            .Then(new LineRemoved("A", Later), new Renewed(Later, Later + Lifetime))
            .Lines.ShouldBeEmpty();

    [Fact]
    public void Skus_not_in_the_cart_are_ignored_and_a_cart_without_any_of_them_is_unchanged() =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 1, 1_999)))
            .When(Bought(("Z", 1)), Later)
            .ThenNothingChanges()
            .Lines.ShouldBe([("A", 1)]);

    [Fact]
    public void Without_a_cart_or_with_an_expired_one_nothing_changes_and_no_cart_opens()
    {
        new CartSpec().When(Bought(("A", 1))).ThenNothingChanges().State.ShouldBe(CartState.Empty.Instance);
        new CartSpec().Given(CartWith(T0, ("A", 1, 1_999))).When(Bought(("A", 1)), T0 + Lifetime).ThenNothingChanges();
    }

    [Fact]
    public void Whatever_the_cart_and_the_purchase_each_line_keeps_exactly_what_was_not_bought()
    {
        var random = new Random(20260603);
        string[] skus = ["A", "B", "C", "D", "E"];
        for (var run = 0; run < 1_000; run++)
        {
            var cart = skus.Where(_ => random.Next(3) > 0).Select(s => (s, random.Next(1, 11), 100L)).ToArray();
            var bought = skus.Where(_ => random.Next(2) == 0).Select(s => (s, random.Next(1, 11))).ToArray();
            var spec = new CartSpec().Given(CartWith(T0, cart));

            spec.When(Bought(bought), Later);

            var expected = cart
                .Select(l => (l.s, l.Item2 - bought.Where(b => b.s == l.s).Sum(b => b.Item2)))
                .Where(l => l.Item2 > 0)
                .ToList();
            spec.Lines.OrderBy(l => l.Item1, StringComparer.Ordinal).ToList().ShouldBe(expected, $"run {run}");
        }
    }
}
