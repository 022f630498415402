using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Inventory.Stock;

/// <summary>A SKU's stock in one warehouse, for the seller's view.</summary>
internal sealed record WarehouseStockRow(long WarehouseId, string WarehouseName, StockFigures Figures);

/// <summary>Reads of current stock: totals per SKU (events, other modules) and rows per warehouse (sellers).</summary>
internal static class StockLevels
{
    /// <summary>Sellable units per SKU over every warehouse; SKUs without any stock row are absent.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> TotalAvailableAsync(
        Database database, DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> skuIds, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string SkuId, long Available)>(new CommandDefinition(
            $"SELECT sku_id, SUM(on_hand - reserved) FROM inventory_stock WHERE {database.InList("sku_id", "Skus")} GROUP BY sku_id",
            new { Skus = skuIds.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.SkuId, r => (int)r.Available, StringComparer.Ordinal);
    }

    /// <summary>
    /// Sellable units per SKU over the warehouses that ship to <paramref name="country"/>; a SKU with
    /// stock only elsewhere answers 0, a SKU without any stock row is absent.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> AvailableForDeliveryAsync(
        Database database, DbConnection connection, IReadOnlyCollection<string> skuIds, string country, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string SkuId, long Available)>(new CommandDefinition(
            $"""
            SELECT s.sku_id, SUM(CASE WHEN c.country IS NULL THEN 0 ELSE s.on_hand - s.reserved END)
            FROM inventory_stock s
            LEFT JOIN inventory_warehouse_countries c ON c.warehouse_id = s.warehouse_id AND c.country = @country
            WHERE {database.InList("s.sku_id", "Skus")}
            GROUP BY s.sku_id
            """,
            new { Skus = skuIds.ToArray(), country },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.SkuId, r => (int)r.Available, StringComparer.Ordinal);
    }

    /// <summary>One SKU's rows, by warehouse id.</summary>
    public static async Task<IReadOnlyList<WarehouseStockRow>> ForSkuAsync(Database database, string skuId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long WarehouseId, string Name, long OnHand, long Reserved)>(new CommandDefinition(
            """
            SELECT s.warehouse_id, w.name, s.on_hand, s.reserved
            FROM inventory_stock s JOIN inventory_warehouses w ON w.id = s.warehouse_id
            WHERE s.sku_id = @skuId
            ORDER BY s.warehouse_id
            """,
            new { skuId },
            cancellationToken: cancellationToken));
        return rows.Select(r => new WarehouseStockRow(r.WarehouseId, r.Name, new StockFigures((int)r.OnHand, (int)r.Reserved))).ToList();
    }
}
