using Emporium.Cart.Model;
using static Emporium.Cart.Model.CartEvent;
using static Emporium.UnitTests.Cart.CartSpec;

namespace Emporium.UnitTests.Cart;

/// <summary>The storefront's "Add to cart": adds to what the line holds, capped at the line maximum.</summary>
public sealed class AddQuantitySpecs
{
    private static CartCommand.AddQuantity Add(string sku, int quantity, long price = 1_999) => new(sku, quantity, Usd(price));

    [Fact]
    public void Adding_without_a_cart_opens_one_with_the_line() =>
        new CartSpec()
            .When(Add("A", 2))
            .Then(new Opened(T0), new LineAdded("A", 2, Usd(1_999), T0, T0), new Renewed(T0, T0 + Lifetime));

    [Fact]
    public void Adding_to_a_line_adds_to_its_quantity()
    {
        var later = T0.AddMinutes(5);
        new CartSpec()
            .Given(CartWith(T0, ("A", 2, 1_999)))
            .When(Add("A", 3), later)
            .Then(new QuantityChanged("A", 5, later), new Renewed(later, later + Lifetime));
    }

    [Fact]
    public void Adding_past_the_line_maximum_fills_the_line_and_adding_to_a_full_line_changes_nothing()
    {
        var later = T0.AddMinutes(5);
        var spec = new CartSpec().Given(CartWith(T0, ("A", 8, 1_999)));

        spec.When(Add("A", 5), later).Then(new QuantityChanged("A", Rules.MaxQuantityPerLine, later), new Renewed(later, later + Lifetime));
        spec.When(Add("A", 1), later.AddMinutes(1)).ThenNothingChanges();
    }

    [Fact]
    public void Adding_nothing_or_more_than_a_line_holds_is_rejected()
    {
        new CartSpec().When(Add("A", 0)).ThenRejected("quantity");
        new CartSpec().When(Add("A", Rules.MaxQuantityPerLine + 1)).ThenRejected("quantity");
    }
}
