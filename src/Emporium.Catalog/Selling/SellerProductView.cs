using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Catalog.Categories;

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
        if (!SellerAccess.TryParseId(productId, out var id))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var product = await connection.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(
            """
            SELECT id AS Id, title AS Title, description AS Description, brand_id AS BrandId, category_id AS CategoryId,
                   seller_id AS SellerId, attributes AS Attributes, images AS Images, status AS Status
            FROM catalog_products WHERE id = @id
            """,
            new { id },
            cancellationToken: cancellationToken));
        if (product is null || !SellerAccess.Owns(user, product.SellerId))
        {
            return null;
        }

        var skus = await connection.QueryAsync<SkuRow>(new CommandDefinition(
            """
            SELECT id AS Id, code AS Code, attributes AS Attributes, price_amount AS PriceAmount, currency AS Currency, status AS Status
            FROM catalog_skus WHERE product_id = @id ORDER BY id
            """,
            new { id },
            cancellationToken: cancellationToken));
        var reference = await referenceData.GetAsync(cancellationToken);
        return new SellerProduct(
            product.Id.ToString(CultureInfo.InvariantCulture),
            product.Title,
            product.Description,
            reference.BrandById(product.BrandId)?.Name ?? string.Empty,
            reference.CategoryById(product.CategoryId)?.Slug ?? string.Empty,
            product.Status,
            Map(product.Attributes),
            JsonSerializer.Deserialize<string[]>(product.Images) ?? [],
            skus.Select(s => new SellerSku(s.Id.ToString(CultureInfo.InvariantCulture), s.Code, Map(s.Attributes), new Money(s.PriceAmount, s.Currency), s.Status)).ToList());
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

    private static Dictionary<string, string> Map(string json) => JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    private sealed class ProductRow
    {
        public long Id { get; init; }

        public string Title { get; init; } = string.Empty;

        public string Description { get; init; } = string.Empty;

        public long BrandId { get; init; }

        public long CategoryId { get; init; }

        public string SellerId { get; init; } = string.Empty;

        public string Attributes { get; init; } = "{}";

        public string Images { get; init; } = "[]";

        public string Status { get; init; } = string.Empty;
    }

    private sealed class SkuRow
    {
        public long Id { get; init; }

        public string Code { get; init; } = string.Empty;

        public string Attributes { get; init; } = "{}";

        public long PriceAmount { get; init; }

        public string Currency { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;
    }
}
