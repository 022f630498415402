using Emporium.Contracts.Catalog;
using Emporium.Contracts.Inventory;

namespace Emporium.Cart.Viewing;

/// <summary>
/// What the cart needs to know about its SKUs: the catalog's facts (price, still sold) with the
/// inventory's sellable quantity laid over them where inventory knows the SKU ("only 3 left").
/// </summary>
internal sealed class CartSkus(ICatalogReader catalog, IInventoryReader inventory)
{
    public async Task<IReadOnlyDictionary<string, SkuSnapshot>> GetAsync(IReadOnlyCollection<string> skuIds, CancellationToken cancellationToken)
    {
        var skus = await catalog.GetSkusAsync(skuIds, cancellationToken);
        if (skus.Count == 0)
        {
            return skus;
        }

        var available = await inventory.AvailableAsync(skus.Keys.ToList(), cancellationToken);
        return skus.ToDictionary(
            pair => pair.Key,
            pair => available.TryGetValue(pair.Key, out var units) ? pair.Value with { AvailableQuantity = units, InStock = units > 0 } : pair.Value,
            StringComparer.Ordinal);
    }
}
