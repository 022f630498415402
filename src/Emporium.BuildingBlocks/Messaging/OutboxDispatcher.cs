using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Microsoft.Extensions.Logging;

namespace Emporium.BuildingBlocks.Messaging;

/// <summary>
/// Delivers pending outbox messages through the <see cref="IOutboxTransport"/> (in-process consumers, or
/// the broker). A batch is claimed with a lease (so relays on several instances do not work on the same
/// messages), and a message is marked processed once the transport has it: every in-process consumer
/// handled it through its inbox (<see cref="ConsumerInbox"/>), or the broker confirmed the publish. A failing message is retried with a
/// growing delay and set aside as dead after <see cref="MaxAttempts"/>.
/// </summary>
public sealed class OutboxDispatcher(Database database, IOutboxTransport transport, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public const int MaxAttempts = 10;
    private const int BatchSize = 100;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// <summary>Delivers one batch; returns how many messages it claimed (0 when nothing is pending).</summary>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        List<Claimed> batch;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            // The lease conditions are repeated outside the subquery: PostgreSQL re-checks them on rows another relay just claimed.
            batch = (await connection.QueryAsync<Claimed>(new CommandDefinition(
                """
                UPDATE outbox_messages SET leased_until = @leaseEnd, attempts = attempts + 1
                WHERE seq IN (
                    SELECT seq FROM outbox_messages
                    WHERE processed_at IS NULL AND dead_at IS NULL AND (leased_until IS NULL OR leased_until < @now)
                    ORDER BY seq LIMIT @BatchSize)
                  AND processed_at IS NULL AND (leased_until IS NULL OR leased_until < @now)
                RETURNING seq AS Seq, id AS Id, type AS Type, payload AS Payload, attempts AS Attempts
                """,
                new { now, leaseEnd = now + (long)Lease.TotalMilliseconds, BatchSize },
                cancellationToken: cancellationToken))).OrderBy(m => m.Seq).ToList();
        }

        foreach (var message in batch)
        {
            await DeliverAsync(message, cancellationToken);
        }

        return batch.Count;
    }

    private async Task DeliverAsync(Claimed message, CancellationToken cancellationToken)
    {
        try
        {
            await transport.DeliverAsync(new OutboxMessage(message.Id, message.Type, message.Payload), cancellationToken);
            await SetAsync("processed_at = @now, leased_until = NULL, last_error = NULL", message.Seq, null, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var dead = message.Attempts >= MaxAttempts;
            logger.LogError(exception, "Outbox message {Id} ({Type}) failed on attempt {Attempt}{Dead}", message.Id, message.Type, message.Attempts, dead ? "; set aside as dead" : string.Empty);

            // Retry after 2^attempts seconds (capped at an hour); the lease doubles as the back-off.
            var delay = (long)Math.Min(3_600_000, 1000 * Math.Pow(2, message.Attempts));
            await SetAsync(
                dead ? "dead_at = @now, leased_until = NULL, last_error = @error" : "leased_until = @now + " + delay + ", last_error = @error",
                message.Seq,
                exception.GetType().Name + ": " + exception.Message,
                CancellationToken.None);
        }
    }

    private async Task SetAsync(string assignments, long seq, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE outbox_messages SET {assignments} WHERE seq = @seq",
            new { seq, error, now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }

    private sealed class Claimed
    {
        public long Seq { get; init; }

        public string Id { get; init; } = string.Empty;

        public string Type { get; init; } = string.Empty;

        public string Payload { get; init; } = string.Empty;

        public long Attempts { get; init; }
    }
}
