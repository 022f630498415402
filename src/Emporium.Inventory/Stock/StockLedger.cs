using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Inventory.Stock;

/// <summary>
/// The only code that changes <c>inventory_stock</c>: each change is one conditional statement that
/// refuses to break <c>0 &lt;= reserved &lt;= on_hand</c>, followed by its movement row, so the figures are
/// always the sum of the ledger. The CHECK constraint backs the condition up.
/// </summary>
internal static class StockLedger
{
    /// <summary>The most one stock row may hold: far beyond any shelf, well inside a 32-bit column.</summary>
    public const int MaxOnHand = 1_000_000_000;

    // A receipt may create the row; the upsert's WHERE keeps the cap.
    private const string Receive = """
        INSERT INTO inventory_stock (sku_id, warehouse_id, on_hand, reserved, updated_at)
        VALUES (@SkuId, @WarehouseId, @OnHandDelta, 0, @Now)
        ON CONFLICT (sku_id, warehouse_id) DO UPDATE
            SET on_hand = inventory_stock.on_hand + excluded.on_hand, updated_at = excluded.updated_at
            WHERE inventory_stock.on_hand + excluded.on_hand <= @Max
        RETURNING on_hand, reserved
        """;

    // Every other change. For a reservation (on hand +0, reserved +n) the condition reads
    // `on_hand - reserved >= n`: the atomic check-and-hold that makes overselling impossible.
    private const string Change = """
        UPDATE inventory_stock
        SET on_hand = on_hand + @OnHandDelta, reserved = reserved + @ReservedDelta, updated_at = @Now
        WHERE sku_id = @SkuId AND warehouse_id = @WarehouseId
          AND on_hand - reserved >= @ReservedDelta - @OnHandDelta
          AND reserved + @ReservedDelta >= 0
          AND on_hand + @OnHandDelta <= @Max
        RETURNING on_hand, reserved
        """;

    private const string Record = """
        INSERT INTO inventory_movements
            (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
        VALUES (@SkuId, @WarehouseId, @Kind, @OnHandDelta, @ReservedDelta, @Reason, @Actor, @IdempotencyKey, @ReservationId, @Now)
        RETURNING id
        """;

    /// <summary>Applies <paramref name="movement"/> and records it, or changes nothing and answers null.</summary>
    public static async Task<AppliedMovement?> TryApplyAsync(
        DbConnection connection, DbTransaction transaction, StockMovement movement, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            movement.SkuId,
            movement.WarehouseId,
            movement.OnHandDelta,
            movement.ReservedDelta,
            Kind = movement.KindName,
            movement.Reason,
            movement.Actor,
            movement.IdempotencyKey,
            movement.ReservationId,
            Now = now.ToUnixTimeMilliseconds(),
            Max = MaxOnHand,
        };
        var sql = movement is { OnHandDelta: > 0, ReservedDelta: 0 } ? Receive : Change;
        var rows = await connection.QueryAsync<(long OnHand, long Reserved)>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        if (rows.ToList() is not [var row])
        {
            return null;
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(Record, parameters, transaction, cancellationToken: cancellationToken));
        return new AppliedMovement(id, new StockFigures((int)row.OnHand, (int)row.Reserved));
    }

    /// <summary>A stock row's figures; a row that does not exist holds nothing.</summary>
    public static async Task<StockFigures> FiguresAsync(
        DbConnection connection, DbTransaction? transaction, string skuId, long warehouseId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(long OnHand, long Reserved)>(new CommandDefinition(
            "SELECT on_hand, reserved FROM inventory_stock WHERE sku_id = @skuId AND warehouse_id = @warehouseId",
            new { skuId, warehouseId },
            transaction,
            cancellationToken: cancellationToken));
        return rows.Select(r => new StockFigures((int)r.OnHand, (int)r.Reserved)).SingleOrDefault();
    }

    /// <summary>Available units per (SKU, warehouse) for <paramref name="skuIds"/>; rows that do not exist are absent.</summary>
    public static async Task<IReadOnlyDictionary<(string SkuId, long WarehouseId), int>> AvailableAsync(
        Database database, DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> skuIds, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string SkuId, long WarehouseId, long Available)>(new CommandDefinition(
            $"SELECT sku_id, warehouse_id, on_hand - reserved FROM inventory_stock WHERE {database.InList("sku_id", "Skus")}",
            new { Skus = skuIds.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (r.SkuId, r.WarehouseId), r => (int)r.Available);
    }
}
