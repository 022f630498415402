using System.Diagnostics;
using Emporium.Contracts.Pricing;

namespace Emporium.Pricing.Quotes;

/// <summary>One SKU to price: the catalog's facts about it and how many are bought.</summary>
internal sealed record LineToPrice(
    string SkuId, string ProductId, string Title, string SellerId, IReadOnlyDictionary<string, string> Attributes, int Quantity, long UnitPrice);

/// <summary>What a destination is charged: shipping per shipment, the free-shipping threshold (0: none), the tax rate.</summary>
internal sealed record PricingTerms(long ShippingPerShipment, long FreeShippingOver, int TaxRateBasisPoints);

/// <summary>
/// The arithmetic of a quote, as a pure function: line totals, one shipment per seller with its charge,
/// tax on subtotal plus shipping, and the total — all in integer minor units, all checked for overflow.
/// </summary>
internal static class PriceCalculation
{
    private const int BasisPointsPerWhole = 10_000;

    public static PriceQuote Quote(string currency, IReadOnlyList<LineToPrice> lines, PricingTerms terms)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(terms);
        var quoted = lines
            .Select(l => new QuotedLine(l.SkuId, l.ProductId, l.Title, l.SellerId, l.Attributes, l.Quantity, l.UnitPrice, checked(l.UnitPrice * l.Quantity)))
            .ToList();

        // GroupBy keeps first-appearance order: shipments come in the order their sellers' lines do.
        var shipments = quoted
            .GroupBy(l => l.SellerId, StringComparer.Ordinal)
            .Select(g => new QuotedShipment(g.Key, g.Select(l => l.SkuId).ToList(), ShippingFor(Sum(g.Select(l => l.LineTotal)), terms)))
            .ToList();

        var subtotal = Sum(quoted.Select(l => l.LineTotal));
        var shipping = Sum(shipments.Select(s => s.Charge));
        var tax = Tax(checked(subtotal + shipping), terms.TaxRateBasisPoints);
        var total = checked(subtotal + shipping + tax);
        Debug.Assert(total == subtotal + shipping + tax, "The contract's identity.");
        return new PriceQuote(currency, quoted, shipments, subtotal, shipping, tax, total, terms.TaxRateBasisPoints);
    }

    /// <summary>A shipment's charge: free when its goods reach the threshold (if there is one), else the flat rate.</summary>
    public static long ShippingFor(long goods, PricingTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return terms.FreeShippingOver > 0 && goods >= terms.FreeShippingOver ? 0 : terms.ShippingPerShipment;
    }

    /// <summary>
    /// <paramref name="taxable"/> × rate, rounded once, half away from zero (12.5 → 13, −12.5 → −13).
    /// The product is taken in 128 bits, so no realistic amount overflows before the division.
    /// </summary>
    public static long Tax(long taxable, int rateBasisPoints)
    {
        var (quotient, remainder) = Int128.DivRem((Int128)taxable * rateBasisPoints, BasisPointsPerWhole);
        if (Int128.Abs(remainder) * 2 >= BasisPointsPerWhole)
        {
            quotient += Int128.Sign(remainder);
        }

        return checked((long)quotient);
    }

    private static long Sum(IEnumerable<long> amounts) => amounts.Aggregate(0L, (sum, amount) => checked(sum + amount));
}
