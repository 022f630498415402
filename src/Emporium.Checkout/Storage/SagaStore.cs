using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Checkout.Saga;

namespace Emporium.Checkout.Storage;

/// <summary>
/// The saga table and its event log. Every write is conditional on the writer's lease and the version it
/// read, so two executors that both believe they own a saga cannot both record a step: the second
/// finds nothing to update and stops.
/// </summary>
internal sealed class SagaStore(Database database, TimeProvider clock)
{
    // SQLite has one writer; queueing here beats spinning in its busy handler under a burst of checkouts.
    private readonly WriteQueue _writes = new(database);

    /// <summary>Writes a new saga; false when the user already has one under this key (the caller then reads it).</summary>
    public Task<bool> TryCreateAsync(NewSaga saga, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var inserted = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO checkout_sagas (checkout_id, user_id, idempotency_key, fingerprint, input, status, version,
                                            lease_owner, lease_until, attempts, created_at, updated_at)
                VALUES (@CheckoutId, @UserId, @IdempotencyKey, @Fingerprint, @Input, 'running', 0,
                        @LeaseOwner, @LeaseUntil, 1, @Now, @Now)
                ON CONFLICT (user_id, idempotency_key) DO NOTHING
                """,
                new
                {
                    saga.CheckoutId,
                    saga.UserId,
                    saga.IdempotencyKey,
                    saga.Fingerprint,
                    Input = SagaEventJson.SerializeInput(saga.Input),
                    saga.LeaseOwner,
                    LeaseUntil = saga.LeaseUntil.ToUnixTimeMilliseconds(),
                    Now = now,
                },
                transaction,
                cancellationToken: cancellationToken));
            return inserted == 1;
        }, cancellationToken);

    public async Task<string?> FindIdAsync(string userId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT checkout_id FROM checkout_sagas WHERE user_id = @userId AND idempotency_key = @idempotencyKey",
            new { userId, idempotencyKey },
            cancellationToken: cancellationToken));
    }

    public async Task<SagaRecord?> LoadAsync(string checkoutId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SagaRow>(new CommandDefinition(
            """
            SELECT checkout_id AS CheckoutId, user_id AS UserId, fingerprint AS Fingerprint, input AS Input, version AS Version,
                   response_status AS ResponseStatus, response_body AS ResponseBody, lease_until AS LeaseUntil
            FROM checkout_sagas WHERE checkout_id = @checkoutId
            """,
            new { checkoutId },
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var events = await connection.QueryAsync<(string Type, string Payload)>(new CommandDefinition(
            "SELECT type, payload FROM checkout_saga_events WHERE checkout_id = @checkoutId AND seq <= @Version ORDER BY seq",
            new { checkoutId, row.Version },
            cancellationToken: cancellationToken));
        var state = events.Aggregate(
            new SagaState(row.CheckoutId, row.UserId, SagaEventJson.DeserializeInput(row.Input)),
            (current, stored) => CheckoutSaga.Evolve(current, SagaEventJson.Deserialize(stored.Type, stored.Payload)));
        var response = row.ResponseStatus is { } status ? new CheckoutResponse((int)status, row.ResponseBody!) : null;
        return new SagaRecord(state, row.Fingerprint, (int)row.Version, response, DateTimeOffset.FromUnixTimeMilliseconds(row.LeaseUntil));
    }

    /// <summary>
    /// Records <paramref name="change"/> as event <c>version + 1</c> and renews the lease, if
    /// <paramref name="leaseOwner"/> still holds the saga at <paramref name="version"/>; false otherwise.
    /// The answer, once decided, is stored in the same write.
    /// </summary>
    public Task<bool> AppendAsync(
        SagaState after, int version, SagaEvent change, CheckoutResponse? response, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE checkout_sagas
                SET version = version + 1, status = @Status, lease_until = @LeaseUntil, updated_at = @Now,
                    response_status = COALESCE(response_status, @ResponseStatus),
                    response_body = COALESCE(response_body, @ResponseBody)
                WHERE checkout_id = @CheckoutId AND lease_owner = @LeaseOwner AND version = @Version
                """,
                new
                {
                    after.CheckoutId,
                    Status = StatusOf(after),
                    LeaseUntil = leaseUntil.ToUnixTimeMilliseconds(),
                    Now = now,
                    ResponseStatus = response?.Status,
                    ResponseBody = response?.Body,
                    LeaseOwner = leaseOwner,
                    Version = version,
                },
                transaction,
                cancellationToken: cancellationToken));
            if (updated != 1)
            {
                return false;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO checkout_saga_events (checkout_id, seq, type, payload, occurred_at) VALUES (@CheckoutId, @Seq, @Type, @Payload, @Now)",
                new { after.CheckoutId, Seq = version + 1, change.Type, Payload = SagaEventJson.Serialize(change), Now = now },
                transaction,
                cancellationToken: cancellationToken));
            return true;
        }, cancellationToken);

    /// <summary>Takes over an unfinished saga whose lease has run out; false if it finished or someone else holds it.</summary>
    public Task<bool> TryLeaseAsync(string checkoutId, string leaseOwner, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE checkout_sagas SET lease_owner = @leaseOwner, lease_until = @Until, attempts = attempts + 1
            WHERE checkout_id = @checkoutId AND status IN ('running', 'compensating') AND lease_until <= @Now
            """,
            new { checkoutId, leaseOwner, Until = leaseUntil.ToUnixTimeMilliseconds(), Now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken)) == 1, cancellationToken);

    /// <summary>Gives a paused saga back, to be retried by recovery from <paramref name="retryAt"/> on.</summary>
    public Task ReleaseLeaseAsync(string checkoutId, string leaseOwner, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE checkout_sagas SET lease_owner = NULL, lease_until = @RetryAt WHERE checkout_id = @checkoutId AND lease_owner = @leaseOwner",
            new { checkoutId, leaseOwner, RetryAt = retryAt.ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Unfinished sagas nobody holds: crashed mid-way, or paused waiting to retry a compensation.</summary>
    public async Task<IReadOnlyList<string>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT checkout_id FROM checkout_sagas
            WHERE status IN ('running', 'compensating') AND lease_until <= @Now
            ORDER BY lease_until LIMIT @limit
            """,
            new { Now = clock.GetUtcNow().ToUnixTimeMilliseconds(), limit },
            cancellationToken: cancellationToken));
        return ids.AsList();
    }

    private static string StatusOf(SagaState state) => state switch
    {
        { Completed: true } => "completed",
        { Compensated: true } => "compensated",
        { Failure: not null } => "compensating",
        _ => "running",
    };

    private Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        _writes.RunAndCommitAsync(work, cancellationToken);

    private sealed record SagaRow(
        string CheckoutId, string UserId, string Fingerprint, string Input, long Version, long? ResponseStatus, string? ResponseBody, long LeaseUntil);
}
