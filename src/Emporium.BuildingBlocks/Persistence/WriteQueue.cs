using System.Data.Common;

namespace Emporium.BuildingBlocks.Persistence;

/// <summary>
/// Runs one module's write transactions. On PostgreSQL they run in parallel and meet at the rows they
/// lock. On SQLite they wait in the file's one <see cref="SqliteWriter"/>, shared by every module: in
/// process, without blocking a thread (the engine has one writer anyway, and a burst of writers would
/// otherwise spin in SQLite's busy-retry sleeps), and the writes waiting together share one transaction
/// and one disk sync (group commit, ADR 0014).
/// </summary>
public sealed class WriteQueue(Database database, WriteDurability durability = WriteDurability.Full)
{
    public Database Database => database;

    /// <summary>On SQLite, the transactions the file's writer committed so far and the writes in them, for every module.</summary>
    public (long Transactions, long Writes) Committed => database.SqliteWrites.Committed;

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction (IMMEDIATE on SQLite). Its changes are kept only if it
    /// calls <see cref="QueuedTransaction.CommitAsync"/>; the returned task completes once they are committed.
    /// </summary>
    public Task<T> RunAsync<T>(Func<QueuedTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (database.IsPostgres)
        {
            return RunInOwnTransactionAsync(work, cancellationToken);
        }

        var write = new QueuedWrite<T>(work, durability, cancellationToken);
        database.SqliteWrites.Enqueue(write);
        return write.Outcome;
    }

    /// <summary>As <see cref="RunAsync{T}"/>, committing when <paramref name="work"/> returns (a throw rolls back).</summary>
    public Task<T> RunAndCommitAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(
            async transaction =>
            {
                var result = await work(transaction.Connection, transaction.Transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            },
            cancellationToken);
    }

    private async Task<T> RunInOwnTransactionAsync<T>(Func<QueuedTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        return await work(new QueuedTransaction(connection, transaction, savepoint: null));
    }
}
