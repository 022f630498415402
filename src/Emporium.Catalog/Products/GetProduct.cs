using System.Globalization;
using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Catalog.Categories;
using Emporium.Catalog.Search;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Products;

/// <summary><c>GET /api/products/{productId}</c>: a product with its variants, rating summary and images.</summary>
internal static class GetProduct
{
    public sealed record ProductDetails(
        string Id,
        string Title,
        string Description,
        NamedRef Brand,
        IReadOnlyList<NamedRef> Categories,
        string SellerId,
        IReadOnlyDictionary<string, string> Attributes,
        IReadOnlyList<string> Images,
        string Status,
        RatingSummary Rating,
        Money Price,
        bool InStock,
        DateTimeOffset CreatedAt,
        IReadOnlyList<SkuDetails> Skus);

    public sealed record SkuDetails(string Id, string Code, IReadOnlyDictionary<string, string> Attributes, Money Price, string Status, SkuAvailability Availability);

    public sealed record SkuAvailability(bool InStock);

    public static async Task<IResult> Handle(
        string productId, HttpContext context, Database database, CatalogReferenceData referenceData, CancellationToken cancellationToken)
    {
        var details = await LoadAsync(productId, database, referenceData, cancellationToken);
        return details is null
            ? Problems.From(Error.NotFound("product_not_found", $"No product '{productId}'."))
            : CachedJson.Ok(context, details);
    }

    /// <summary>
    /// The product as the endpoint and the product page show it; null when there is no such product. A draft
    /// is shown only with <paramref name="includeDrafts"/> (its seller's editing page).
    /// </summary>
    public static async Task<ProductDetails?> LoadAsync(
        string productId, Database database, CatalogReferenceData referenceData, CancellationToken cancellationToken, bool includeDrafts = false)
    {
        if (!long.TryParse(productId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var product = await connection.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(
            """
            SELECT id AS Id, title AS Title, description AS Description, brand_id AS BrandId, category_id AS CategoryId,
                   seller_id AS SellerId, attributes AS Attributes, images AS Images, status AS Status, created_at AS CreatedAt,
                   rating_average AS RatingAverage, rating_count AS RatingCount, currency AS Currency, min_price AS MinPrice, in_stock AS InStock
            FROM catalog_products WHERE id = @id AND (@includeDrafts OR status <> 'draft')
            """,
            new { id, includeDrafts },
            cancellationToken: cancellationToken));
        if (product is null)
        {
            return null;
        }

        var skus = await connection.QueryAsync<SkuRow>(new CommandDefinition(
            """
            SELECT id AS Id, code AS Code, attributes AS Attributes, price_amount AS PriceAmount, currency AS Currency,
                   status AS Status, in_stock AS InStock
            FROM catalog_skus WHERE product_id = @id ORDER BY id
            """,
            new { id },
            cancellationToken: cancellationToken));

        var reference = await referenceData.GetAsync(cancellationToken);
        var brand = reference.BrandById(product.BrandId);
        var category = reference.CategoryById(product.CategoryId);
        return new ProductDetails(
            product.Id.ToString(CultureInfo.InvariantCulture),
            product.Title,
            product.Description,
            new NamedRef(brand?.Slug ?? string.Empty, brand?.Name ?? string.Empty),
            category is null ? [] : reference.Ancestry(category).Select(c => new NamedRef(c.Slug, c.Name)).ToList(),
            product.SellerId,
            Map(product.Attributes),
            JsonSerializer.Deserialize<string[]>(product.Images) ?? [],
            product.Status,
            new RatingSummary(Math.Round(product.RatingAverage, 2), (int)product.RatingCount),
            new Money(product.MinPrice, product.Currency),
            product.InStock == 1,
            DateTimeOffset.FromUnixTimeMilliseconds(product.CreatedAt),
            skus.Select(s => new SkuDetails(
                s.Id.ToString(CultureInfo.InvariantCulture),
                s.Code,
                Map(s.Attributes),
                new Money(s.PriceAmount, s.Currency),
                s.Status,
                new SkuAvailability(s.InStock == 1))).ToList());
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

        public long CreatedAt { get; init; }

        public double RatingAverage { get; init; }

        public long RatingCount { get; init; }

        public string Currency { get; init; } = string.Empty;

        public long MinPrice { get; init; }

        public long InStock { get; init; }
    }

    private sealed class SkuRow
    {
        public long Id { get; init; }

        public string Code { get; init; } = string.Empty;

        public string Attributes { get; init; } = "{}";

        public long PriceAmount { get; init; }

        public string Currency { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;

        public long InStock { get; init; }
    }
}
