using System.Data.Common;
using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Inventory.Stock;

/// <summary>
/// Runs inventory's write transactions. On SQLite they queue here, in process, without blocking a
/// thread: the engine has one writer anyway, and a flash sale's hundreds of requests would otherwise
/// spin in SQLite's busy-retry sleeps. (Writers in other processes still meet at SQLite's own lock.)
/// </summary>
internal sealed class InventoryWriter(Database database, IOutbox outbox, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    /// <summary>
    /// Opens a connection and a transaction (IMMEDIATE on SQLite) and runs <paramref name="work"/> in it.
    /// The transaction commits only if <paramref name="work"/> calls <see cref="StockTransaction.CommitAsync"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<StockTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var gated = !database.IsPostgres;
        if (gated)
        {
            await _sqliteWriter.WaitAsync(cancellationToken);
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var stock = new StockTransaction(database, outbox, connection, transaction, StockTransaction.ToStoredPrecision(clock.GetUtcNow()), cancellationToken);
            return await work(stock);
        }
        finally
        {
            if (gated)
            {
                _sqliteWriter.Release();
            }
        }
    }

    /// <summary>
    /// A stock transaction inside a transaction someone else opened and commits: an integration event
    /// handler's inbox transaction. It does not queue here: on SQLite that transaction already holds the
    /// only write lock, and waiting for a writer that waits for the lock would never end. The caller
    /// calls <see cref="StockTransaction.PublishAsync"/> and leaves the commit to the owner.
    /// </summary>
    public StockTransaction Join(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(database, outbox, connection, transaction, StockTransaction.ToStoredPrecision(clock.GetUtcNow()), cancellationToken);

    public void Dispose() => _sqliteWriter.Dispose();
}
