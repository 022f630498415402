using System.Data.Common;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.FlashSales.Paying;

/// <summary>
/// Serialises the changes of one claim, across the inventory call each makes (carve, return), while
/// other claims go on. In process, a lock per claim id; on PostgreSQL also the claim's row, locked
/// (<c>SELECT … FOR UPDATE</c>) for the whole step, so a second host waits too. SQLite has no row locks,
/// and holding its one write lock across an inventory call would stall every writer: there the step
/// reads without a transaction and writes compare-and-set, which catches the only other writers of a
/// claim (the sweeps that expire it).
/// </summary>
internal sealed class ClaimSessions(Database database, TimeProvider clock)
{
    private readonly Dictionary<string, Entry> _locks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async Task<T> RunAsync<T>(string claimId, Func<ClaimSession, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var entry = Enter(claimId);
        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(claimId, entry, release: false);
            throw;
        }

        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = database.IsPostgres ? await connection.BeginTransactionAsync(cancellationToken) : null;
            var stored = await ClaimRows.LoadAsync(connection, transaction, claimId, forUpdate: transaction is not null, cancellationToken);
            var result = await work(new ClaimSession(connection, transaction, stored, clock, cancellationToken));
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return result;
        }
        finally
        {
            Leave(claimId, entry, release: true);
        }
    }

    private Entry Enter(string claimId)
    {
        lock (_gate)
        {
            if (!_locks.TryGetValue(claimId, out var entry))
            {
                _locks[claimId] = entry = new Entry();
            }

            entry.Users++;
            return entry;
        }
    }

    /// <summary>A claim's semaphore exists only while someone holds or waits for it.</summary>
    private void Leave(string claimId, Entry entry, bool release)
    {
        lock (_gate)
        {
            if (release)
            {
                entry.Semaphore.Release();
            }

            if (--entry.Users == 0)
            {
                _locks.Remove(claimId);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}

/// <summary>One serialised step on a claim: the claim as loaded, and the write that records what the step did.</summary>
internal sealed class ClaimSession(DbConnection connection, DbTransaction? transaction, StoredClaim? stored, TimeProvider clock, CancellationToken cancellationToken)
{
    public StoredClaim? Stored => stored;

    /// <summary>The claim as stored now, to explain a refused write.</summary>
    public Task<StoredClaim?> ReloadAsync() => ClaimRows.LoadAsync(connection, transaction, stored?.Claim.Id ?? "", forUpdate: false, cancellationToken);

    /// <summary>
    /// Records <paramref name="after"/> over the claim as loaded; false when it changed meanwhile (SQLite
    /// only: on PostgreSQL the row is locked). PostgreSQL commits with the step; SQLite commits at once.
    /// </summary>
    public async Task<bool> SaveAsync(ClaimState after)
    {
        var before = stored?.Claim ?? throw new InvalidOperationException("There is no claim to save.");
        if (transaction is not null)
        {
            return await ClaimRows.SaveAsync(connection, transaction, before, after, clock.GetUtcNow(), cancellationToken);
        }

        await using var write = await connection.BeginTransactionAsync(cancellationToken);
        var saved = await ClaimRows.SaveAsync(connection, write, before, after, clock.GetUtcNow(), cancellationToken);
        await write.CommitAsync(cancellationToken);
        return saved;
    }
}
