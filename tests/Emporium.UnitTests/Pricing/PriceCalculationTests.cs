using Emporium.Pricing.Quotes;

namespace Emporium.UnitTests.Pricing;

/// <summary>The quote's arithmetic: examples that pin each rule, then random carts that must keep the identities.</summary>
public sealed class PriceCalculationTests
{
    private static readonly PricingTerms Uk = new(ShippingPerShipment: 499, FreeShippingOver: 5_000, TaxRateBasisPoints: 2_000);

    private static LineToPrice Line(string sku, string seller, int quantity, long unitPrice) =>
        new(sku, "p-" + sku, "Title " + sku, seller, new Dictionary<string, string>(), quantity, unitPrice);

    [Fact]
    public void Lines_of_one_seller_are_one_shipment_and_tax_is_on_subtotal_plus_shipping()
    {
        var quote = PriceCalculation.Quote("GBP", [Line("a", "s1", 2, 1_000), Line("b", "s1", 1, 250)], Uk);

        quote.Lines.Select(l => (l.SkuId, l.Quantity, l.UnitPrice, l.LineTotal)).ShouldBe([("a", 2, 1_000L, 2_000L), ("b", 1, 250L, 250L)]);
        quote.Shipments.ShouldHaveSingleItem();
        quote.Shipments[0].SellerId.ShouldBe("s1");
        quote.Shipments[0].SkuIds.ShouldBe(["a", "b"]);
        quote.Shipments[0].Charge.ShouldBe(499);
        (quote.Subtotal, quote.Shipping, quote.Tax, quote.Total, quote.TaxRateBasisPoints).ShouldBe((2_250L, 499L, 550L, 3_299L, 2_000));
        quote.Currency.ShouldBe("GBP");
    }

    [Fact]
    public void Each_seller_is_a_shipment_of_its_own_in_the_order_its_lines_first_appear_and_free_over_the_threshold()
    {
        var quote = PriceCalculation.Quote("EUR", [Line("a", "s2", 1, 4_000), Line("b", "s1", 1, 100), Line("c", "s2", 1, 1_000)], Uk);

        quote.Shipments.Select(s => (s.SellerId, string.Join(",", s.SkuIds), s.Charge)).ShouldBe([("s2", "a,c", 0L), ("s1", "b", 499L)]);
        quote.Shipping.ShouldBe(499);
    }

    [Theory]
    [InlineData(4_999, 499)]
    [InlineData(5_000, 0)]
    [InlineData(5_001, 0)]
    public void A_shipment_ships_free_from_the_threshold_on(long goods, long charge) =>
        PriceCalculation.ShippingFor(goods, Uk).ShouldBe(charge);

    [Fact]
    public void A_threshold_of_zero_means_shipping_is_never_free() =>
        PriceCalculation.ShippingFor(1_000_000, Uk with { FreeShippingOver = 0 }).ShouldBe(499);

    [Theory]
    [InlineData(25, 2_000, 5)] // exactly 5
    [InlineData(1, 5_000, 1)] // 0.5 rounds up
    [InlineData(3, 5_000, 2)] // 1.5 rounds up
    [InlineData(1, 4_999, 0)] // 0.4999 rounds down
    [InlineData(12_345, 1_900, 2_346)] // 2345.55
    [InlineData(10_005, 1_000, 1_001)] // 1000.5
    [InlineData(-1, 5_000, -1)] // away from zero below it too
    [InlineData(-3, 5_000, -2)]
    [InlineData(999, 0, 0)]
    public void Tax_is_rounded_once_half_away_from_zero(long taxable, int rate, long tax) =>
        PriceCalculation.Tax(taxable, rate).ShouldBe(tax);

    [Fact]
    public void Amounts_too_large_for_64_bits_throw_rather_than_wrap()
    {
        Should.Throw<OverflowException>(() => PriceCalculation.Quote("USD", [Line("a", "s", 999, long.MaxValue / 100)], Uk));
        PriceCalculation.Tax(long.MaxValue / 2, 10_000).ShouldBe(long.MaxValue / 2, "the product is taken in 128 bits");
    }

    [Fact]
    public void For_random_carts_total_is_subtotal_plus_shipping_plus_tax_and_every_part_adds_up()
    {
        var random = new Random(20260604);
        for (var run = 0; run < 5_000; run++)
        {
            var sellers = Enumerable.Range(0, random.Next(1, 5)).Select(i => $"seller-{i}").ToArray();
            var lines = Enumerable.Range(0, random.Next(1, 12))
                .Select(i => Line($"sku-{i}", sellers[random.Next(sellers.Length)], random.Next(1, 1_000), random.NextInt64(0, 2_000_000)))
                .ToList();
            var terms = new PricingTerms(random.Next(0, 2_000), random.Next(3) == 0 ? 0 : random.NextInt64(1, 100_000_000), random.Next(0, 10_001));

            var quote = PriceCalculation.Quote("USD", lines, terms);

            var context = $"run {run}";
            quote.Total.ShouldBe(quote.Subtotal + quote.Shipping + quote.Tax, context);
            quote.Subtotal.ShouldBe(quote.Lines.Sum(l => l.LineTotal), context);
            quote.Lines.ShouldAllBe(l => l.LineTotal == l.UnitPrice * l.Quantity, context);
            quote.Lines.Select(l => l.SkuId).ShouldBe(lines.Select(l => l.SkuId), context);
            quote.Shipping.ShouldBe(quote.Shipments.Sum(s => s.Charge), context);
            quote.Shipments.Select(s => s.SellerId).ShouldBe(lines.Select(l => l.SellerId).Distinct(), context);
            quote.Shipments.SelectMany(s => s.SkuIds).Order().ShouldBe(lines.Select(l => l.SkuId).Order(), context);
            foreach (var shipment in quote.Shipments)
            {
                var goods = quote.Lines.Where(l => l.SellerId == shipment.SellerId).Sum(l => l.LineTotal);
                shipment.SkuIds.ShouldBe(quote.Lines.Where(l => l.SellerId == shipment.SellerId).Select(l => l.SkuId), context);
                shipment.Charge.ShouldBe(terms.FreeShippingOver > 0 && goods >= terms.FreeShippingOver ? 0 : terms.ShippingPerShipment, context);
            }

            // Rounded once: within half a minor unit of the exact tax.
            var exact = (decimal)(quote.Subtotal + quote.Shipping) * terms.TaxRateBasisPoints / 10_000m;
            Math.Abs(quote.Tax - exact).ShouldBeLessThanOrEqualTo(0.5m, context);
            quote.Tax.ShouldBe((long)Math.Round(exact, MidpointRounding.AwayFromZero), context);
        }
    }
}
