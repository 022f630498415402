using System.Data.Common;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Orders.Storage;

/// <summary>One orders write transaction: its connection, transaction and its one "now" (whole milliseconds, as stored).</summary>
internal sealed record OrderTransaction(QueuedTransaction Write, DateTimeOffset Now, CancellationToken CancellationToken)
{
    public DbConnection Connection => Write.Connection;

    public DbTransaction Transaction => Write.Transaction;

    public long NowMs => Now.ToUnixTimeMilliseconds();
}

/// <summary>
/// Runs the orders module's write transactions through its <see cref="WriteQueue"/>: queued in process
/// on SQLite; on PostgreSQL in parallel, meeting at the order's row lock.
/// </summary>
internal sealed class OrderWriter(Database database, TimeProvider clock)
{
    private readonly WriteQueue _queue = new(database);

    /// <summary>
    /// Opens a connection and a transaction (IMMEDIATE on SQLite) and runs <paramref name="work"/> in it.
    /// The transaction commits only if <paramref name="work"/> commits it (<see cref="QueuedTransaction.CommitAsync"/>); otherwise it rolls back.
    /// </summary>
    public Task<T> RunAsync<T>(Func<OrderTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _queue.RunAsync(
            write =>
            {
                var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
                return work(new OrderTransaction(write, now, cancellationToken));
            },
            cancellationToken);
    }
}
