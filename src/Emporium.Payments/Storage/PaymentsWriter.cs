using System.Data.Common;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Payments.Storage;

/// <summary>
/// Runs the module's short write transactions (payments and the sandbox gateway alike) through its
/// <see cref="WriteQueue"/>. No gateway call ever happens while a
/// transaction from here is open: the sandbox writes too, and on SQLite it would wait for itself.
/// </summary>
internal sealed class PaymentsWriter(Database database)
{
    private readonly WriteQueue _queue = new(database);

    public Database Database => database;

    /// <summary>
    /// Opens a connection and a transaction (IMMEDIATE on SQLite) and runs <paramref name="work"/> in it;
    /// the transaction commits when <paramref name="work"/> returns, and rolls back if it throws.
    /// </summary>
    public Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        _queue.RunAndCommitAsync(work, cancellationToken);

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
}
