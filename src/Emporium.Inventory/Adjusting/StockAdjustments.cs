using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Results;
using Emporium.Inventory.Stock;
using Emporium.Inventory.Warehouses;

namespace Emporium.Inventory.Adjusting;

/// <summary>An adjustment made (or made before, for a repeated key), with the stock row's figures right after it.</summary>
internal sealed record AdjustmentOutcome(long MovementId, StockAdjustment Adjustment, StockFigures Figures, bool Replayed);

/// <summary>
/// Receipts and corrections, idempotent by (actor, key): the key, the movement and the stock change
/// commit together, so a repeat finds the key and answers the stored result without a second movement.
/// </summary>
internal sealed class StockAdjustments(InventoryWriter writer)
{
    public Task<Result<AdjustmentOutcome>> AdjustAsync(StockAdjustment adjustment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adjustment);
        return writer.RunAsync<Result<AdjustmentOutcome>>(async stock =>
        {
            await stock.LockSkusAsync([adjustment.SkuId]);
            if (await FindAsync(stock.Connection, stock.Transaction, adjustment, stock.CancellationToken) is { } previous)
            {
                return previous;
            }

            if (!await WarehouseStore.ExistsAsync(stock.Connection, stock.Transaction, adjustment.WarehouseId, stock.CancellationToken))
            {
                return StockAdjustment.UnknownWarehouse(adjustment.WarehouseId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var movement = new StockMovement(
                adjustment.SkuId,
                adjustment.WarehouseId,
                adjustment.Delta > 0 ? MovementKind.Receipt : MovementKind.Correction,
                adjustment.Delta,
                0,
                adjustment.Reason,
                adjustment.Actor,
                $"adjustment:{adjustment.Actor}:{adjustment.IdempotencyKey}");
            if (await stock.TryApplyAsync(movement) is not { } applied)
            {
                return Refusal(adjustment, await StockLedger.FiguresAsync(stock.Connection, stock.Transaction, adjustment.SkuId, adjustment.WarehouseId, stock.CancellationToken));
            }

            if (!await TryRecordAsync(stock, adjustment, applied))
            {
                // PostgreSQL only: the same key, for another SKU (another lock), committed meanwhile.
                await stock.RollbackAsync();
                return (await FindAsync(stock.Connection, null, adjustment, stock.CancellationToken))!.Value;
            }

            await stock.CommitAsync();
            return Result<AdjustmentOutcome>.Success(new AdjustmentOutcome(applied.MovementId, adjustment, applied.Figures, Replayed: false));
        }, cancellationToken);
    }

    private static Error Refusal(StockAdjustment adjustment, StockFigures current) =>
        (long)current.OnHand + adjustment.Delta > StockLedger.MaxOnHand
            ? new(ErrorKind.Unprocessable, "stock_limit", $"A stock row holds at most {StockLedger.MaxOnHand} units.")
            : new(ErrorKind.Conflict, "below_reserved", FormattableString.Invariant(
                $"On hand would be {current.OnHand + adjustment.Delta}: it may not drop below the {current.Reserved} units reserved. Nothing changed."));

    /// <summary>The stored answer for this actor's key: the same result for the same request, 422 for another.</summary>
    private static async Task<Result<AdjustmentOutcome>?> FindAsync(DbConnection connection, DbTransaction? transaction, StockAdjustment adjustment, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Request, long MovementId, long OnHand, long Reserved)>(new CommandDefinition(
            "SELECT request, movement_id, on_hand, reserved FROM inventory_adjustment_requests WHERE actor = @Actor AND idempotency_key = @IdempotencyKey",
            new { adjustment.Actor, adjustment.IdempotencyKey },
            transaction,
            cancellationToken: cancellationToken));
        if (rows.ToList() is not [var row])
        {
            return null;
        }

        return row.Request == adjustment.Fingerprint
            ? Result<AdjustmentOutcome>.Success(new AdjustmentOutcome(row.MovementId, adjustment, new StockFigures((int)row.OnHand, (int)row.Reserved), Replayed: true))
            : new Error(ErrorKind.Unprocessable, "idempotency_key_reused", "This Idempotency-Key was used for a different adjustment.");
    }

    private static async Task<bool> TryRecordAsync(StockTransaction stock, StockAdjustment adjustment, AppliedMovement applied) =>
        await stock.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inventory_adjustment_requests (actor, idempotency_key, request, movement_id, on_hand, reserved, created_at)
            VALUES (@Actor, @IdempotencyKey, @Request, @MovementId, @OnHand, @Reserved, @CreatedAt)
            ON CONFLICT (actor, idempotency_key) DO NOTHING
            """,
            new
            {
                adjustment.Actor,
                adjustment.IdempotencyKey,
                Request = adjustment.Fingerprint,
                applied.MovementId,
                applied.Figures.OnHand,
                applied.Figures.Reserved,
                CreatedAt = stock.Now.ToUnixTimeMilliseconds(),
            },
            stock.Transaction,
            cancellationToken: stock.CancellationToken)) == 1;
}
