using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Catalog;
using Emporium.Contracts.Pricing;

namespace Emporium.Pricing.Quotes;

/// <summary>
/// Quotes a purchase at the catalog's current prices (or a line's agreed price: a flash-sale claim's): validates the request, asks the catalog about
/// its SKUs, refuses what cannot be bought or priced together, and leaves the arithmetic to
/// <see cref="PriceCalculation"/>. Reads only; a quote is never stored.
/// </summary>
internal sealed class PriceQuotes(ICatalogReader catalog, PricingSettings settings) : IPriceQuotes
{
    public async Task<Result<PriceQuote>> QuoteAsync(QuoteRequest request, CancellationToken cancellationToken)
    {
        var valid = QuoteRequestRules.Validate(request);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        var (lines, country) = valid.Value;
        var skus = await catalog.GetSkusAsync(lines.Select(l => l.SkuId).ToList(), cancellationToken);
        var unavailable = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (!skus.TryGetValue(line.SkuId, out var sku))
            {
                unavailable[line.SkuId] = ["No such SKU."];
            }
            else if (!sku.Purchasable)
            {
                unavailable[line.SkuId] = ["No longer sold."];
            }
        }

        if (unavailable.Count > 0)
        {
            return new Error(ErrorKind.Conflict, "sku_unavailable", "Some SKUs cannot be bought; remove them and ask again.") { Fields = unavailable };
        }

        var byCurrency = lines.GroupBy(l => skus[l.SkuId].Currency, StringComparer.Ordinal).ToList();
        if (byCurrency.Count > 1)
        {
            return new Error(ErrorKind.Unprocessable, "mixed_currencies", "The SKUs are priced in different currencies; quote and buy them separately.")
            {
                Fields = byCurrency.ToDictionary(g => g.Key, g => g.Select(l => l.SkuId).ToArray(), StringComparer.Ordinal),
            };
        }

        var priced = lines.Select(l =>
        {
            var sku = skus[l.SkuId];
            return new LineToPrice(sku.SkuId, sku.ProductId, sku.ProductTitle, sku.SellerId, sku.Attributes, l.Quantity, l.AgreedUnitPrice ?? sku.PriceAmount);
        }).ToList();
        return PriceCalculation.Quote(byCurrency[0].Key, priced, settings.TermsFor(country));
    }
}
