using System.Security.Claims;
using Emporium.BuildingBlocks;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Catalog.Categories;
using Emporium.Catalog.Products;

namespace Emporium.Catalog.Selling;

/// <summary>
/// A product as its seller edits it: the fields <see cref="ProductRequest"/> and <see cref="SkuRequest"/>
/// carry, whatever its status (the storefront's product view hides what is off sale).
/// </summary>
internal sealed record SellerProduct(
    string Id,
    string Title,
    string Description,
    string Brand,
    string Category,
    string Status,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> Images,
    IReadOnlyList<SellerSku> Skus);

/// <summary>One variant as its seller edits it.</summary>
internal sealed record SellerSku(string Id, string Code, IReadOnlyDictionary<string, string> Attributes, Money Price, string Status);

/// <summary>Reads one product for its seller (or an admin); someone else's product is not found, as for the writes.</summary>
internal static class SellerProductView
{
    public static async Task<SellerProduct?> LoadAsync(
        string productId, ClaimsPrincipal user, Database database, CatalogReferenceData referenceData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(referenceData);
        if (!SellerAccess.TryParseId(productId, out _))
        {
            return null;
        }

        var product = await GetProduct.LoadAsync(productId, database, referenceData, cancellationToken, includeDrafts: true);
        if (product is null || !SellerAccess.Owns(user, product.SellerId))
        {
            return null;
        }

        return new SellerProduct(
            product.Id,
            product.Title,
            product.Description,
            product.Brand.Name,
            product.Categories.Count == 0 ? string.Empty : product.Categories[^1].Slug, // the leaf of its ancestry
            product.Status,
            product.Attributes,
            product.Images,
            product.Skus.Select(s => new SellerSku(s.Id, s.Code, s.Attributes, s.Price, s.Status)).ToList());
    }

    /// <summary>The categories a product may be listed in, as (slug, path) for a picker.</summary>
    public static async Task<IReadOnlyList<(string Slug, string Path)>> CategoriesAsync(CatalogReferenceData referenceData, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referenceData);
        var reference = await referenceData.GetAsync(cancellationToken);
        return reference.Categories
            .Select(c => (c.Slug, string.Join(" › ", reference.Ancestry(c).Select(a => a.Name))))
            .OrderBy(c => c.Item2, StringComparer.Ordinal)
            .ToList();
    }
}
