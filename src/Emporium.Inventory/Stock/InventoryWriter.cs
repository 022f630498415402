using System.Data.Common;
using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Inventory.Stock;

/// <summary>
/// Runs inventory's write transactions through the module's <see cref="WriteQueue"/> (a flash sale's
/// hundreds of requests queue in process on SQLite instead of spinning in its busy-retry sleeps).
/// </summary>
internal sealed class InventoryWriter(Database database, IOutbox outbox, TimeProvider clock)
{
    private readonly WriteQueue _queue = new(database);

    /// <summary>
    /// Opens a connection and a transaction (IMMEDIATE on SQLite) and runs <paramref name="work"/> in it.
    /// The transaction commits only if <paramref name="work"/> calls <see cref="StockTransaction.CommitAsync"/>.
    /// </summary>
    public Task<T> RunAsync<T>(Func<StockTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _queue.RunAsync(
            write => work(new StockTransaction(database, outbox, write.Connection, write.Transaction, write, StockTransaction.ToStoredPrecision(clock.GetUtcNow()), cancellationToken)),
            cancellationToken);
    }

    /// <summary>
    /// A stock transaction inside a transaction someone else opened and commits: an integration event
    /// handler's inbox transaction. It does not queue here: on SQLite that transaction already holds the
    /// only write lock, and waiting for a writer that waits for the lock would never end. The caller
    /// calls <see cref="StockTransaction.PublishAsync"/> and leaves the commit to the owner.
    /// </summary>
    public StockTransaction Join(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(database, outbox, connection, transaction, ownWrite: null, StockTransaction.ToStoredPrecision(clock.GetUtcNow()), cancellationToken);
}
