using System.Globalization;
using Emporium.BuildingBlocks;
using Emporium.Contracts.Catalog;

namespace Emporium.Cart.Viewing;

/// <summary>The notices a shopper gets about a line: what they would otherwise discover only at checkout.</summary>
internal static class CartWarnings
{
    /// <summary>At or below this many left, the shopper is told even when the line fits.</summary>
    public const int LowStock = 5;

    public const string NoLongerSold = "no longer sold";
    public const string OutOfStock = "out of stock";

    public static string OnlyLeft(int available) => string.Create(CultureInfo.InvariantCulture, $"only {available} left");

    public static string PriceChanged(Money from, Money to) => $"price changed from {Format(from)} to {Format(to)}";

    public static List<string> For(SkuSnapshot? sku, int quantity, Money priceWhenAdded, Money unitPrice)
    {
        if (sku is null || !sku.Purchasable)
        {
            return [NoLongerSold];
        }

        var warnings = new List<string>();
        if (unitPrice != priceWhenAdded)
        {
            warnings.Add(PriceChanged(priceWhenAdded, unitPrice));
        }

        // Counted stock when the inventory reports it; until then the catalog's in-stock flag.
        if (sku.AvailableQuantity is int available)
        {
            if (available <= 0)
            {
                warnings.Add(OutOfStock);
            }
            else if (available < quantity || available <= LowStock)
            {
                warnings.Add(OnlyLeft(available));
            }
        }
        else if (!sku.InStock)
        {
            warnings.Add(OutOfStock);
        }

        return warnings;
    }

    /// <summary>"19.99 USD": minor units as a decimal amount with the currency's usual number of decimals.</summary>
    public static string Format(Money money)
    {
        var decimals = ZeroDecimalCurrencies.Contains(money.Currency) ? 0 : 2;
        var amount = money.Amount / (decimal)Math.Pow(10, decimals);
        return amount.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + money.Currency;
    }

    private static readonly HashSet<string> ZeroDecimalCurrencies = new(StringComparer.Ordinal) { "JPY", "KRW", "VND", "CLP", "ISK", "HUF" };
}
