using Emporium.BuildingBlocks;
using Emporium.Cart.Model;
using Emporium.Contracts.Catalog;

namespace Emporium.Cart.Viewing;

/// <summary>Joins a cart's lines with the catalog's current facts; totals are computed here, never taken from a client.</summary>
internal static class CartViewBuilder
{
    /// <summary>The currency an empty cart's zero subtotal is shown in (the demo catalog's).</summary>
    public const string DefaultCurrency = "USD";

    public static CartView Build(string? cartId, IReadOnlyList<CartLine> lines, IReadOnlyDictionary<string, SkuSnapshot> skus)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(skus);
        var views = new List<CartLineView>(lines.Count);
        var cartWarnings = new List<string>();
        string? currency = null;
        long subtotal = 0;
        var items = 0;
        var otherCurrency = false;

        foreach (var line in lines)
        {
            var sku = skus.GetValueOrDefault(line.SkuId);
            var unitPrice = sku is null ? line.PriceWhenAdded : new Money(sku.PriceAmount, sku.Currency);
            var lineTotal = unitPrice.Multiply(line.Quantity);
            var warnings = CartWarnings.For(sku, line.Quantity, line.PriceWhenAdded, unitPrice);
            views.Add(new CartLineView(
                line.SkuId,
                sku?.ProductId,
                sku?.ProductTitle,
                sku?.Attributes ?? new Dictionary<string, string>(),
                sku?.Image,
                line.Quantity,
                unitPrice,
                line.PriceWhenAdded,
                PriceChanged: sku is not null && unitPrice != line.PriceWhenAdded,
                lineTotal,
                sku?.AvailableQuantity,
                warnings));
            cartWarnings.AddRange(warnings.Select(w => $"{sku?.ProductTitle ?? "item " + line.SkuId}: {w}"));

            if (sku is not { Purchasable: true })
            {
                continue; // what cannot be bought is not in the total
            }

            currency ??= unitPrice.Currency;
            if (unitPrice.Currency != currency)
            {
                otherCurrency = true;
                continue;
            }

            subtotal = checked(subtotal + lineTotal.Amount);
            items += line.Quantity;
        }

        if (otherCurrency)
        {
            cartWarnings.Add($"some items are priced in another currency than {currency} and are not in the subtotal");
        }

        return new CartView(cartId, views, new CartTotals(items, new Money(subtotal, currency ?? DefaultCurrency)), cartWarnings);
    }
}
