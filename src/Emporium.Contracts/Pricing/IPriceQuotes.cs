using Emporium.BuildingBlocks.Results;

namespace Emporium.Contracts.Pricing;

/// <summary>
/// Server-side prices for a purchase: current unit prices from the catalog, shipping per shipment and
/// tax by destination. The client never sends prices; checkout asks here and charges what this says.
/// </summary>
public interface IPriceQuotes
{
    /// <summary>
    /// Quotes <paramref name="request"/>. Expected failures: <c>validation</c> (400: no lines, bad quantity,
    /// bad country), <c>sku_unavailable</c> (409: unknown or no longer sold SKUs, named in its fields),
    /// <c>mixed_currencies</c> (422).
    /// </summary>
    Task<Result<PriceQuote>> QuoteAsync(QuoteRequest request, CancellationToken cancellationToken);
}

/// <summary>What to price: SKUs and quantities, delivered to <paramref name="Country"/> (ISO 3166-1 alpha-2).</summary>
public sealed record QuoteRequest(IReadOnlyList<QuoteLine> Lines, string Country);

/// <summary>
/// A SKU and quantity; <paramref name="AgreedUnitPrice"/>, when set, replaces the catalog's unit price (minor
/// units of the SKU's currency): a flash-sale claim's price, fixed when the unit was claimed.
/// </summary>
public sealed record QuoteLine(string SkuId, int Quantity, long? AgreedUnitPrice = null);

/// <summary>
/// A priced purchase in integer minor units of <paramref name="Currency"/>:
/// <c>Total = Subtotal + Shipping + Tax</c>; <c>Subtotal</c> is the sum of line totals and <c>Shipping</c>
/// the sum of the shipments' charges.
/// </summary>
public sealed record PriceQuote(
    string Currency,
    IReadOnlyList<QuotedLine> Lines,
    IReadOnlyList<QuotedShipment> Shipments,
    long Subtotal,
    long Shipping,
    long Tax,
    long Total,
    int TaxRateBasisPoints);

/// <summary>One SKU at its current unit price; <c>LineTotal = UnitPrice × Quantity</c>.</summary>
public sealed record QuotedLine(
    string SkuId,
    string ProductId,
    string Title,
    string SellerId,
    IReadOnlyDictionary<string, string> Attributes,
    int Quantity,
    long UnitPrice,
    long LineTotal);

/// <summary>One parcel: the lines of one seller, shipped together, with its shipping charge.</summary>
public sealed record QuotedShipment(string SellerId, IReadOnlyList<string> SkuIds, long Charge);
