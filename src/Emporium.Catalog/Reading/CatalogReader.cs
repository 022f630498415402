using System.Globalization;
using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Contracts.Catalog;

namespace Emporium.Catalog.Reading;

/// <summary>The catalog's answer to other modules asking about SKUs (the cart's current prices and notices).</summary>
internal sealed class CatalogReader(Database database) : ICatalogReader
{
    public async Task<IReadOnlyDictionary<string, SkuSnapshot>> GetSkusAsync(IReadOnlyCollection<string> skuIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skuIds);
        var ids = skuIds
            .Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n > 0)
            .Distinct()
            .ToArray();
        if (ids.Length == 0)
        {
            return new Dictionary<string, SkuSnapshot>(StringComparer.Ordinal);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SkuRow>(new CommandDefinition(
            $"""
            SELECT s.id AS Id, s.product_id AS ProductId, p.title AS Title, p.seller_id AS SellerId, s.code AS Code,
                   s.attributes AS Attributes, s.price_amount AS PriceAmount, s.currency AS Currency,
                   s.status AS SkuStatus, p.status AS ProductStatus, s.in_stock AS InStock, p.images AS Images
            FROM catalog_skus s JOIN catalog_products p ON p.id = s.product_id
            WHERE {database.InList("s.id", "Ids")}
            """,
            new { Ids = ids },
            cancellationToken: cancellationToken));

        return rows.ToDictionary(
            r => r.Id.ToString(CultureInfo.InvariantCulture),
            r => new SkuSnapshot(
                r.Id.ToString(CultureInfo.InvariantCulture),
                r.ProductId.ToString(CultureInfo.InvariantCulture),
                r.Title,
                r.SellerId,
                r.Code,
                JsonSerializer.Deserialize<Dictionary<string, string>>(r.Attributes) ?? [],
                r.PriceAmount,
                r.Currency,
                Purchasable: r.SkuStatus == "active" && r.ProductStatus == "active",
                InStock: r.InStock == 1,
                AvailableQuantity: null,
                Image: JsonSerializer.Deserialize<string[]>(r.Images)?.FirstOrDefault()),
            StringComparer.Ordinal);
    }

    private sealed class SkuRow
    {
        public long Id { get; init; }

        public long ProductId { get; init; }

        public string Title { get; init; } = string.Empty;

        public string SellerId { get; init; } = string.Empty;

        public string Code { get; init; } = string.Empty;

        public string Attributes { get; init; } = "{}";

        public long PriceAmount { get; init; }

        public string Currency { get; init; } = string.Empty;

        public string SkuStatus { get; init; } = string.Empty;

        public string ProductStatus { get; init; } = string.Empty;

        public long InStock { get; init; }

        public string Images { get; init; } = "[]";
    }
}
