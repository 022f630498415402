using System.Data.Common;
using System.Threading.Channels;
using Emporium.BuildingBlocks.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// Group commit for claims: a purchase hands its granted claim over and waits; a writer takes every claim
/// waiting (up to <see cref="FlashSalesSettings.ClaimBatchSize"/>) and inserts them in one transaction,
/// then tells each buyer. Durability costs one commit per batch instead of one per buyer, and the batch
/// grows by itself with the load: the claims that arrive while a commit runs make the next batch.
/// </summary>
/// <remarks>
/// <para>
/// The queue is unbounded, yet bounded in practice by the gate: every waiting claim holds a unit, so at
/// most the sum of the open sales' quantities can wait.
/// </para>
/// <para>
/// SQLite has one writer, so there is one writing loop there; PostgreSQL commits concurrent transactions in
/// parallel (and flushes their WAL together), so several loops write batches at once. With a batch size
/// of 1 each claim is its own transaction, written as concurrently as the engine allows: the honest
/// baseline the group-commit benchmark compares with.
/// </para>
/// </remarks>
internal sealed class ClaimWriter(Database database, FlashSalesSettings settings, ILogger<ClaimWriter> logger) : BackgroundService
{
    private const int PostgresWriters = 8;

    private readonly Channel<PendingClaim> _queue = Channel.CreateUnbounded<PendingClaim>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private long _transactions;
    private long _claims;

    /// <summary>
    /// Queues <paramref name="claim"/> and answers whether it was stored. When it was not, its unit is
    /// already back in its gate (or, if whether it was stored could not be learnt, held until the gate is
    /// next rebuilt from storage: never sold twice).
    /// </summary>
    public Task<bool> WriteAsync(PendingClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return _queue.Writer.TryWrite(claim) ? claim.Stored : RefuseAsync(claim);

        // The host is stopping: nothing will write it.
        async Task<bool> RefuseAsync(PendingClaim claim)
        {
            await GiveBackAsync(claim);
            return false;
        }
    }

    /// <summary>Committed so far by this process: transactions and the claims in them (their ratio is the batching achieved).</summary>
    public (long Transactions, long Claims) Committed => (Interlocked.Read(ref _transactions), Interlocked.Read(ref _claims));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Buyers already waiting are answered: the loops drain the queue, then end.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writers = database.IsPostgres ? PostgresWriters : 1;
        return Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(WriteUntilCompletedAsync, CancellationToken.None)));
    }

    private async Task WriteUntilCompletedAsync()
    {
        var batch = new List<PendingClaim>(Math.Min(settings.ClaimBatchSize, 4096));
        DbConnection? kept = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < settings.ClaimBatchSize && _queue.Reader.TryRead(out var claim))
                {
                    batch.Add(claim);
                }

                if (batch.Count > 0)
                {
                    kept = await WriteBatchAsync(batch, kept);
                    batch.Clear();
                }
            }
        }
        finally
        {
            if (kept is not null)
            {
                await kept.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Writes one batch in one transaction and answers its buyers. On SQLite the one writer keeps its
    /// connection from batch to batch (opening one costs as much as writing a small batch); answers the
    /// connection to use next time, none after a failure (it may be broken).
    /// </summary>
    private async Task<DbConnection?> WriteBatchAsync(List<PendingClaim> batch, DbConnection? kept)
    {
        var connection = kept;
        try
        {
            // Not cancelled by the host stopping: these buyers were granted units and are waiting.
            connection ??= await database.OpenAsync();
            IReadOnlyList<PendingClaim> accepted = batch, fenced = [];
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                if (ClaimFence.Applies(batch))
                {
                    (accepted, fenced) = await ClaimFence.SplitAsync(connection, transaction, batch);
                }

                await ClaimInserts.InsertAsync(connection, transaction, accepted, CancellationToken.None);
                await transaction.CommitAsync();
            }

            Interlocked.Increment(ref _transactions);
            Interlocked.Add(ref _claims, accepted.Count);
            foreach (var claim in accepted)
            {
                claim.Complete(true);
            }

            await RefuseFencedAsync(fenced);

            if (database.IsPostgres)
            {
                await connection.DisposeAsync(); // back to Npgsql's pool: opening from it is cheap
                return null;
            }

            return connection;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Writing a batch of {Count} flash-sale claims failed", batch.Count);
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            await SettleFailedAsync(batch);
            return null;
        }
    }

    /// <summary>
    /// After a failed write, learns which claims are stored anyway (a commit whose reply was lost) and
    /// answers those buyers yes; the others' units go back to their gates. If even that cannot be learnt,
    /// every buyer hears no and the units stay taken: a unit given back for a claim that is in fact stored
    /// would be sold twice, while a unit kept comes back when the gate is next built from storage.
    /// </summary>
    private async Task SettleFailedAsync(List<PendingClaim> batch)
    {
        HashSet<string> stored;
        try
        {
            await using var connection = await database.OpenAsync();
            stored = await ClaimInserts.StoredAsync(connection, database.IsPostgres, [.. batch.Select(c => c.Id)], CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(
                exception, "Could not learn whether {Count} flash-sale claims were stored; their units stay out of the gates until a restart", batch.Count);
            foreach (var claim in batch)
            {
                claim.Complete(false);
            }

            return;
        }

        foreach (var claim in batch)
        {
            if (stored.Contains(claim.Id))
            {
                claim.Complete(true);
            }
            else
            {
                await GiveBackAsync(claim);
            }
        }
    }

    /// <summary>The claim is not stored: its unit goes back to its gate, and the buyer hears no whatever happens.</summary>
    private async Task GiveBackAsync(PendingClaim claim)
    {
        try
        {
            await claim.Gate.ReturnAsync(claim.UserId, claim.Epoch);
        }
        catch (Exception exception)
        {
            // A shared gate out of reach: the unit stays taken until the gate is next rebuilt (never sold twice).
            logger.LogError(exception, "Could not give back the unit of unstored flash-sale claim {ClaimId}", claim.Id);
        }
        finally
        {
            claim.Complete(false);
        }
    }

    /// <summary>
    /// Claims of a gate generation storage has left behind: the buyer hears no (and may try again), the
    /// unit is not given back (the rebuild counted it from storage), and the gate learns it must be rebuilt.
    /// </summary>
    private async Task RefuseFencedAsync(IReadOnlyList<PendingClaim> fenced)
    {
        foreach (var generation in fenced.GroupBy(claim => (claim.Gate, claim.Epoch)))
        {
            logger.LogWarning(
                "Refused {Count} flash-sale claims of sale {SaleId} granted by gate generation {Epoch}, which storage has left behind",
                generation.Count(), generation.Key.Gate.Sale.Id, generation.Key.Epoch);
            try
            {
                await generation.Key.Gate.FencedAsync(generation.Key.Epoch);
            }
            catch (Exception exception)
            {
                // The reconciliation pass rebuilds the gate anyway; the buyers must still hear their answer.
                logger.LogError(exception, "Could not mark the stock gate of sale {SaleId} for rebuilding", generation.Key.Gate.Sale.Id);
            }

            foreach (var claim in generation)
            {
                claim.Complete(false);
            }
        }
    }
}
