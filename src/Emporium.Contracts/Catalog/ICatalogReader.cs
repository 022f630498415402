namespace Emporium.Contracts.Catalog;

/// <summary>The catalog's read interface for other modules (cart, checkout): current facts about SKUs.</summary>
public interface ICatalogReader
{
    /// <summary>The SKUs that exist among <paramref name="skuIds"/>, keyed by id; unknown ids are absent.</summary>
    Task<IReadOnlyDictionary<string, SkuSnapshot>> GetSkusAsync(IReadOnlyCollection<string> skuIds, CancellationToken cancellationToken);
}

/// <summary>
/// A SKU as the catalog knows it now. <see cref="Purchasable"/> is false when the SKU or its product is
/// no longer sold. <see cref="AvailableQuantity"/> is null until the inventory module reports stock;
/// then <see cref="InStock"/> is the catalog's own flag.
/// </summary>
public sealed record SkuSnapshot(
    string SkuId,
    string ProductId,
    string ProductTitle,
    string SellerId,
    string Code,
    IReadOnlyDictionary<string, string> Attributes,
    long PriceAmount,
    string Currency,
    bool Purchasable,
    bool InStock,
    int? AvailableQuantity,
    string? Image);
