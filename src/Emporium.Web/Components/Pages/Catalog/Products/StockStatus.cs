using System.Globalization;

namespace Emporium.Web.Components.Pages.Catalog.Products;

/// <summary>What the product page says about a SKU's availability, and whether it can go in the cart.</summary>
internal sealed record StockStatus(string Text, string Tone, bool CanBuy, int MaxQuantity)
{
    /// <summary>At or below this many units the page says "Only N left".</summary>
    public const int LowStock = 5;

    private const int MaxPerAdd = 99;

    public static readonly StockStatus Unknown = new("In stock", "ok", true, MaxPerAdd);

    /// <summary>
    /// <paramref name="units"/> is the inventory's sellable count when it knows the SKU (as the cart reads it);
    /// otherwise the catalog's in-stock flag decides.
    /// </summary>
    public static StockStatus Of(bool purchasable, int? units, bool catalogSaysInStock) => (purchasable, units) switch
    {
        (false, _) => new("No longer available", "bad", false, 1),
        (true, <= 0) => new("Out of stock", "bad", false, 1),
        (true, int left) when left <= LowStock => new($"Only {left.ToString(CultureInfo.InvariantCulture)} left", "warn", true, left),
        (true, int left) => new("In stock", "ok", true, Math.Min(left, MaxPerAdd)),
        (true, null) => catalogSaysInStock ? Unknown : new("Out of stock", "bad", false, 1),
    };
}
