using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Emporium.BuildingBlocks.Persistence;

/// <summary>
/// The one in-process writer of a SQLite file, shared by every module's <see cref="WriteQueue"/>: writes
/// wait here, in process and without blocking a thread, and the writes waiting together commit in one
/// transaction (group commit, one disk sync for the lot). See ADR 0014.
/// </summary>
/// <remarks>
/// <para>
/// One loop takes every write waiting (at most <see cref="Database.SqliteWriteBatchSize"/>) and runs them
/// one after the other in one IMMEDIATE transaction, each inside its own savepoint. A write that throws,
/// rolls back, or returns without committing is rolled back to its savepoint alone; the others keep
/// their changes. The transaction then commits once, and only then is any caller answered, so an answer
/// never gets ahead of its write reaching the disk. If the commit fails, every caller of the group hears
/// the failure: nothing of the group was stored. The group grows with the load by itself: what arrives
/// while one commits makes the next. A write waiting alone runs alone, without a savepoint.
/// </para>
/// <para>
/// Each write sees the ones before it in its group (they share the transaction), exactly as if they had
/// committed one by one in that order. One writer for every module means modules no longer meet at
/// SQLite's lock and its busy-retry sleeps; writers outside the queues (the claim writer, the outbox relay,
/// sweeps) still do. A group is synced unless every write in it asked for <see cref="WriteDurability.Relaxed"/>.
/// </para>
/// </remarks>
internal sealed class SqliteWriter(Database database)
{
    private const string Savepoint = "queued_write";

    private readonly Lock _gate = new();
    private readonly Queue<QueuedWrite> _waiting = new();
    private bool _writing;
    private long _transactions;
    private long _writes;

    /// <summary>Transactions committed so far and the writes in them (their ratio is the grouping achieved).</summary>
    public (long Transactions, long Writes) Committed => (Interlocked.Read(ref _transactions), Interlocked.Read(ref _writes));

    public void Enqueue(QueuedWrite write)
    {
        bool startWriting;
        lock (_gate)
        {
            _waiting.Enqueue(write);
            startWriting = !_writing;
            _writing = true;
        }

        if (startWriting)
        {
            // Off the caller's stack: the loop may go on serving others long after this write is answered.
            _ = Task.Run(WriteWhileWaitingAsync, CancellationToken.None);
        }
    }

    private async Task WriteWhileWaitingAsync()
    {
        var group = new List<QueuedWrite>();
        while (true)
        {
            lock (_gate)
            {
                while (group.Count < database.SqliteWriteBatchSize && _waiting.TryDequeue(out var write))
                {
                    if (write.CancellationToken.IsCancellationRequested)
                    {
                        write.Cancel();
                    }
                    else
                    {
                        group.Add(write);
                    }
                }

                if (group.Count == 0)
                {
                    _writing = false;
                    return;
                }
            }

            await WriteGroupAsync(group);
            group.Clear();
        }
    }

    /// <summary>Runs <paramref name="group"/> in one transaction and answers every caller; never throws.</summary>
    private async Task WriteGroupAsync(List<QueuedWrite> group)
    {
        try
        {
            await using var connection = await database.OpenAsync();
            var relaxed = group.TrueForAll(w => w.Durability == WriteDurability.Relaxed);
            if (relaxed)
            {
                // Outside the transaction: SQLite refuses to change it inside one.
                await PragmaAsync(connection, Database.SqliteRelaxedDurabilityPragma);
            }

            try
            {
                await using var transaction = await connection.BeginTransactionAsync();
                if (group.Count == 1)
                {
                    await group[0].RunAsync(new QueuedTransaction(connection, transaction, savepoint: null));
                }
                else
                {
                    await RunInSavepointsAsync(group, transaction);
                    await transaction.CommitAsync();
                }
            }
            finally
            {
                if (relaxed)
                {
                    await RestoreFullDurabilityAsync(connection);
                }
            }
        }
        catch (Exception exception)
        {
            // Opening, a savepoint or the commit failed: nothing of the group is stored.
            foreach (var write in group)
            {
                write.Fail(exception);
            }

            return;
        }

        var committed = group.Count(w => w.Committed);
        if (committed > 0)
        {
            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _writes, committed);
        }

        foreach (var write in group)
        {
            write.Deliver();
        }
    }

    private static async Task RunInSavepointsAsync(List<QueuedWrite> group, DbTransaction transaction)
    {
        foreach (var write in group)
        {
            await transaction.SaveAsync(Savepoint);
            var handle = new QueuedTransaction(transaction.Connection!, transaction, Savepoint);
            await write.RunAsync(handle);
            if (!write.Committed)
            {
                // Returned without committing, rolled back, or threw: none of its changes stay.
                await transaction.RollbackAsync(Savepoint);
            }

            await transaction.ReleaseAsync(Savepoint);
            Debug.Assert(write.Committed == handle.Committed, "A write's commit is what keeps its changes.");
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
            await PragmaAsync(connection, Database.SqliteFullDurabilityPragma);
        }
        catch (SqliteException)
        {
            SqliteConnection.ClearPool((SqliteConnection)connection);
            throw;
        }
    }

    private static async Task PragmaAsync(DbConnection connection, string sql)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = sql;
        await pragma.ExecuteNonQueryAsync();
    }
}
