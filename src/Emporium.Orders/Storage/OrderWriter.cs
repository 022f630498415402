using System.Data.Common;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Orders.Storage;

/// <summary>One orders write transaction: its connection, transaction and its one "now" (whole milliseconds, as stored).</summary>
internal sealed record OrderTransaction(DbConnection Connection, DbTransaction Transaction, DateTimeOffset Now, CancellationToken CancellationToken)
{
    public long NowMs => Now.ToUnixTimeMilliseconds();
}

/// <summary>
/// Runs the orders module's write transactions. On SQLite they queue here, in process, without blocking
/// a thread: the engine has one writer anyway and its busy-retry sleeps are slow. On PostgreSQL they
/// run in parallel and meet at the order's row lock.
/// </summary>
internal sealed class OrderWriter(Database database, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);

    /// <summary>
    /// Opens a connection and a transaction (IMMEDIATE on SQLite) and runs <paramref name="work"/> in it.
    /// The transaction commits only if <paramref name="work"/> commits it; otherwise it rolls back.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<OrderTransaction, Task<T>> work, CancellationToken cancellationToken)
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
            var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
            return await work(new OrderTransaction(connection, transaction, now, cancellationToken));
        }
        finally
        {
            if (gated)
            {
                _sqliteWriter.Release();
            }
        }
    }

    public void Dispose() => _sqliteWriter.Dispose();
}
