using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Emporium.BuildingBlocks.Persistence;

/// <summary>
/// Runs one module's write transactions. On SQLite they queue here, in process, without blocking a
/// thread: the engine has one writer anyway, and a burst of writers would otherwise spin in SQLite's
/// busy-retry sleeps. (Writers of other modules and processes still meet at SQLite's own lock.) On
/// PostgreSQL they run in parallel and meet at the rows they lock.
/// </summary>
public sealed class WriteQueue(Database database, WriteDurability durability = WriteDurability.Full) : IDisposable
{
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public Database Database => database;

    /// <summary>
    /// Opens a connection and a transaction (IMMEDIATE on SQLite) and runs <paramref name="work"/> in it.
    /// The transaction commits only if <paramref name="work"/> commits it; otherwise it rolls back.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
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
            var relaxed = gated && durability == WriteDurability.Relaxed;
            if (relaxed)
            {
                // Outside the transaction: SQLite refuses to change it inside one.
                await PragmaAsync(connection, Database.SqliteRelaxedDurabilityPragma, cancellationToken);
            }

            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                return await work(connection, transaction);
            }
            finally
            {
                if (relaxed)
                {
                    await RestoreFullDurabilityAsync(connection);
                }
            }
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
    /// The pooled connection goes back synced, for whoever opens it next. If that cannot be done, the pool
    /// is cleared so the connection is closed rather than reused relaxed.
    /// </summary>
    private static async Task RestoreFullDurabilityAsync(DbConnection connection)
    {
        try
        {
            await PragmaAsync(connection, Database.SqliteFullDurabilityPragma, CancellationToken.None);
        }
        catch (SqliteException)
        {
            SqliteConnection.ClearPool((SqliteConnection)connection);
            throw;
        }
    }

    private static async Task PragmaAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = sql;
        await pragma.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>As <see cref="RunAsync{T}"/>, committing when <paramref name="work"/> returns (a throw rolls back).</summary>
    public Task<T> RunAndCommitAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(
            async (connection, transaction) =>
            {
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            },
            cancellationToken);
    }

    public void Dispose() => _sqliteWriter.Dispose();
}

/// <summary>How far a committed write survives on SQLite (PostgreSQL always commits durably).</summary>
public enum WriteDurability
{
    /// <summary>Synced to disk before the commit returns: survives a power cut. Orders, payments, stock, claims.</summary>
    Full,

    /// <summary>
    /// Survives the process being killed, not the machine losing power (the WAL is synced at the next full
    /// commit or checkpoint). For state a buyer can redo in a click — a cart — where a sync per change would
    /// cap writes at the disk's sync rate. See docs/decisions/0006-cart-write-durability.md.
    /// </summary>
    Relaxed,
}
