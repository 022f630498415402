using System.Data.Common;
using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Contracts.Inventory;

namespace Emporium.Inventory.Stock;

/// <summary>
/// One inventory transaction: locks SKUs, applies movements, and publishes a <c>StockLevelChanged</c>
/// for every SKU it changed, in the same transaction (the outbox), just before committing.
/// </summary>
/// <remarks>
/// With <paramref name="ownWrite"/> it is a transaction of inventory's own write queue, and
/// <see cref="CommitAsync"/> and <see cref="RollbackAsync"/> end it; without, it is part of a transaction
/// someone else opened and ends (the seeder's, an inbox handler's: <see cref="InventoryWriter.Join"/>).
/// </remarks>
internal sealed class StockTransaction(
    Database database,
    IOutbox outbox,
    DbConnection connection,
    DbTransaction transaction,
    QueuedTransaction? ownWrite,
    DateTimeOffset now,
    CancellationToken cancellationToken)
{
    private readonly SortedSet<string> _changedSkus = new(StringComparer.Ordinal);

    public DbConnection Connection => connection;

    public DbTransaction Transaction => transaction;

    public Database Database => database;

    /// <summary>The transaction's one "now": every row it writes carries the same time.</summary>
    public DateTimeOffset Now => now;

    /// <summary>
    /// Times are stored as Unix milliseconds; answers built in memory must say what a later read will,
    /// so times are cut to whole milliseconds before they are used.
    /// </summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    public CancellationToken CancellationToken => cancellationToken;

    public Task LockSkusAsync(IEnumerable<string> skuIds) => SkuLocks.LockAsync(database, connection, transaction, skuIds, cancellationToken);

    public async Task<AppliedMovement?> TryApplyAsync(StockMovement movement)
    {
        ArgumentNullException.ThrowIfNull(movement);
        var applied = await StockLedger.TryApplyAsync(connection, transaction, movement, now, cancellationToken);
        if (applied is not null)
        {
            _changedSkus.Add(movement.SkuId);
        }

        return applied;
    }

    /// <summary>Enqueues the changed SKUs' new totals; the caller commits (the seeder runs inside the initializer's transaction).</summary>
    public async Task PublishAsync()
    {
        if (_changedSkus.Count == 0)
        {
            return;
        }

        var totals = await StockLevels.TotalAvailableAsync(database, connection, transaction, _changedSkus, cancellationToken);
        foreach (var skuId in _changedSkus)
        {
            var available = totals.GetValueOrDefault(skuId);
            await outbox.EnqueueAsync(connection, transaction, new StockLevelChanged(skuId, available) { OccurredAt = now }, cancellationToken);
        }

        _changedSkus.Clear();
    }

    public async Task CommitAsync()
    {
        await PublishAsync();
        await OwnWrite.CommitAsync(cancellationToken);
    }

    public Task RollbackAsync() => OwnWrite.RollbackAsync(cancellationToken);

    private QueuedTransaction OwnWrite => ownWrite ?? throw new InvalidOperationException("A joined stock transaction is ended by the transaction's owner.");
}
