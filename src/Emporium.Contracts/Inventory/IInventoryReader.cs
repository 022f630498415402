namespace Emporium.Contracts.Inventory;

/// <summary>The inventory's read interface for other modules (cart, catalog, checkout).</summary>
public interface IInventoryReader
{
    /// <summary>
    /// Sellable units per SKU (on hand minus reserved, over every warehouse). A SKU inventory has
    /// never heard of is absent from the result (callers fall back to the catalog's flag).
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> AvailableAsync(IReadOnlyCollection<string> skuIds, CancellationToken cancellationToken);

    /// <summary>
    /// Sellable units per SKU over the warehouses that ship to <paramref name="country"/> (ISO 3166-1
    /// alpha-2): what one reservation for that destination could hold. Absent as in <see cref="AvailableAsync"/>.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> AvailableForDeliveryAsync(IReadOnlyCollection<string> skuIds, string country, CancellationToken cancellationToken);
}
