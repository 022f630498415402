using Emporium.Cart.Model;
using static Emporium.Cart.Model.CartEvent;
using static Emporium.UnitTests.Cart.CartSpec;

namespace Emporium.UnitTests.Cart;

public sealed class SetQuantitySpecs
{
    private static CartCommand.SetQuantity Set(string sku, int quantity, long price = 1_999) => new(sku, quantity, Usd(price));

    [Fact]
    public void Setting_a_quantity_without_a_cart_opens_one_with_the_line_and_a_full_lifetime() =>
        new CartSpec()
            .When(Set("A", 2))
            .Then(new Opened(T0), new LineAdded("A", 2, Usd(1_999), T0, T0), new Renewed(T0, T0 + Lifetime));

    [Fact]
    public void Setting_the_same_quantity_again_changes_nothing_not_even_the_expiry()
    {
        var later = T0.AddHours(1);
        var spec = new CartSpec().Given(CartWith(T0, ("A", 2, 1_999)));

        spec.When(Set("A", 2), later).ThenNothingChanges();

        ((CartState.Open)spec.State).ExpiresAt.ShouldBe(T0 + Lifetime);
    }

    [Fact]
    public void Setting_another_quantity_changes_the_line_and_renews_the_cart()
    {
        var later = T0.AddDays(3);
        new CartSpec()
            .Given(CartWith(T0, ("A", 2, 1_999)))
            .When(Set("A", 5), later)
            .Then(new QuantityChanged("A", 5, later), new Renewed(later, later + Lifetime));
    }

    [Fact]
    public void The_price_when_added_stays_when_the_quantity_changes_at_a_new_price()
    {
        var spec = new CartSpec().Given(CartWith(T0, ("A", 2, 1_999)));

        spec.When(Set("A", 3, price: 2_499), T0.AddMinutes(1));

        spec.State.LinesInOrder().Single().PriceWhenAdded.ShouldBe(Usd(1_999));
    }

    [Fact]
    public void Lines_added_within_one_millisecond_keep_the_order_they_came_in()
    {
        var spec = new CartSpec().When(Set("B", 1), T0).When(Set("A", 1), T0.AddTicks(10)).When(Set("C", 1), T0);

        spec.Lines.ShouldBe([("B", 1), ("A", 1), ("C", 1)]);
        spec.State.LinesInOrder().Select(l => l.AddedAt).ShouldBe([T0, T0.AddMilliseconds(1), T0.AddMilliseconds(2)]);
    }

    [Fact]
    public void Zero_removes_the_line() =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 2, 1_999), ("B", 1, 500)))
            .When(Set("A", 0))
            .Then(new LineRemoved("A", T0), new Renewed(T0, T0 + Lifetime))
            .Lines.ShouldBe([("B", 1)]);

    [Fact]
    public void Zero_without_a_cart_opens_no_cart() =>
        new CartSpec().When(Set("A", 0)).ThenNothingChanges().State.ShouldBe(CartState.Empty.Instance);

    [Theory]
    [InlineData(11)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void A_quantity_outside_zero_to_the_line_maximum_is_rejected_and_the_cart_unchanged(int quantity)
    {
        var spec = new CartSpec().Given(CartWith(T0, ("A", 2, 1_999)));

        spec.When(Set("A", quantity)).ThenRejected("quantity");

        spec.Lines.ShouldBe([("A", 2)]);
    }

    [Fact]
    public void The_line_maximum_itself_is_allowed() =>
        new CartSpec().When(Set("A", 10)).Lines.ShouldBe([("A", 10)]);

    [Fact]
    public void Removing_a_line_that_is_not_there_changes_nothing() =>
        new CartSpec()
            .Given(CartWith(T0, ("A", 2, 1_999)))
            .When(new CartCommand.RemoveLine("B"))
            .ThenNothingChanges();

    [Fact]
    public void Removing_the_last_line_keeps_an_empty_cart_alive()
    {
        var spec = new CartSpec().Given(CartWith(T0, ("A", 2, 1_999)));

        spec.When(new CartCommand.RemoveLine("A")).Then(new LineRemoved("A", T0), new Renewed(T0, T0 + Lifetime));

        spec.State.ShouldBeOfType<CartState.Open>().Lines.ShouldBeEmpty();
    }
}
