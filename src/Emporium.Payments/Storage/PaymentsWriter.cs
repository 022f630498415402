using System.Data.Common;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Payments.Storage;

/// <summary>
/// Runs the module's short write transactions (payments and the sandbox gateway alike). On SQLite they
/// queue here, in process, without blocking a thread: the engine has one writer anyway, and queued
/// writers would otherwise spin in SQLite's busy-retry sleeps. No gateway call ever happens while a
/// transaction from here is open: the sandbox writes too, and on SQLite it would wait for itself.
/// </summary>
internal sealed class PaymentsWriter(Database database) : IDisposable
{
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    public Database Database => database;

    /// <summary>
    /// Opens a connection and a transaction (IMMEDIATE on SQLite) and runs <paramref name="work"/> in it;
    /// the transaction commits when <paramref name="work"/> returns, and rolls back if it throws.
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
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (gated)
            {
                _sqliteWriter.Release();
            }
        }
    }

    public Task RunAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(
            async (connection, transaction) =>
            {
                await work(connection, transaction);
                return true;
            },
            cancellationToken);
    }

    public void Dispose() => _sqliteWriter.Dispose();
}
