using Emporium.BuildingBlocks;
using Emporium.Cart.Model;
using Emporium.Cart.Viewing;
using Emporium.Contracts.Catalog;
using static Emporium.UnitTests.Cart.CartSpec;

namespace Emporium.UnitTests.Cart;

/// <summary>What the shopper is told about each line, and totals from current prices only.</summary>
public sealed class CartViewBuilderTests
{
    private static SkuSnapshot Sku(string id, long price, bool purchasable = true, bool inStock = true, int? available = null) =>
        new(id, "p" + id, "Title " + id, "seller", "CODE-" + id, new Dictionary<string, string> { ["size"] = "M" }, price, "USD", purchasable, inStock, available, "img.jpg");

    private static CartLine Line(string sku, int quantity, long priceWhenAdded) => new(sku, quantity, Usd(priceWhenAdded), T0, T0);

    private static CartLineView Only(CartLine line, SkuSnapshot? sku) =>
        CartViewBuilder.Build("cart", [line], sku is null ? [] : new Dictionary<string, SkuSnapshot> { [sku.SkuId] = sku }).Lines.Single();

    [Fact]
    public void A_line_shows_the_current_price_and_the_change_since_it_was_added()
    {
        var view = Only(Line("A", 2, 1_999), Sku("A", 2_499));

        view.UnitPrice.ShouldBe(Usd(2_499));
        view.PriceWhenAdded.ShouldBe(Usd(1_999));
        view.PriceChanged.ShouldBeTrue();
        view.LineTotal.ShouldBe(Usd(4_998));
        view.Warnings.ShouldBe(["price changed from 19.99 USD to 24.99 USD"]);
        view.Title.ShouldBe("Title A");
        view.ProductId.ShouldBe("pA");
        view.Attributes["size"].ShouldBe("M");
    }

    [Theory]
    [InlineData(null, true, 2, null)]
    [InlineData(null, false, 2, "out of stock")]
    [InlineData(0, true, 2, "out of stock")]
    [InlineData(3, true, 5, "only 3 left")]
    [InlineData(5, true, 1, "only 5 left")]
    [InlineData(6, true, 6, null)]
    public void Availability_warnings(int? available, bool inStock, int quantity, string? expected)
    {
        var view = Only(Line("A", quantity, 100), Sku("A", 100, inStock: inStock, available: available));

        view.Available.ShouldBe(available);
        view.Warnings.ShouldBe(expected is null ? [] : [expected]);
    }

    [Fact]
    public void A_sku_no_longer_sold_or_gone_from_the_catalog_is_flagged_and_left_out_of_the_totals()
    {
        var skus = new Dictionary<string, SkuSnapshot> { ["A"] = Sku("A", 1_000), ["B"] = Sku("B", 500, purchasable: false) };

        var view = CartViewBuilder.Build(null, [Line("A", 2, 1_000), Line("B", 1, 500), Line("C", 4, 700)], skus);

        view.Lines.Select(l => l.Warnings.SingleOrDefault()).ShouldBe([null, "no longer sold", "no longer sold"]);
        view.Lines[2].UnitPrice.ShouldBe(Usd(700));
        view.Lines[2].PriceChanged.ShouldBeFalse();
        view.Totals.ShouldBe(new CartTotals(2, Usd(2_000)));
        view.Warnings.ShouldBe(["Title B: no longer sold", "item C: no longer sold"]);
    }

    [Fact]
    public void An_empty_cart_totals_zero() =>
        CartViewBuilder.Build(null, [], new Dictionary<string, SkuSnapshot>()).Totals.ShouldBe(new CartTotals(0, Usd(0)));

    [Fact]
    public void Lines_in_another_currency_are_not_added_to_the_subtotal()
    {
        var euro = Sku("B", 900) with { Currency = "EUR" };
        var skus = new Dictionary<string, SkuSnapshot> { ["A"] = Sku("A", 1_000), ["B"] = euro };

        var view = CartViewBuilder.Build(null, [Line("A", 1, 1_000), new CartLine("B", 1, new Money(900, "EUR"), T0, T0)], skus);

        view.Totals.Subtotal.ShouldBe(Usd(1_000));
        view.Warnings.Single().ShouldContain("another currency");
    }

    [Theory]
    [InlineData(1_999, "USD", "19.99 USD")]
    [InlineData(5, "EUR", "0.05 EUR")]
    [InlineData(1_500, "JPY", "1500 JPY")]
    public void Prices_in_warnings_read_as_amounts(long amount, string currency, string expected) =>
        CartWarnings.Format(new Money(amount, currency)).ShouldBe(expected);
}
