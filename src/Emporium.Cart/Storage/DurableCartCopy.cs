using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Cart.Identity;
using Emporium.Cart.Model;

namespace Emporium.Cart.Storage;

/// <summary>What a durable save achieved: saved, refused because the copy moved on, or a claim already made.</summary>
internal enum DurableSaveOutcome
{
    Saved,

    /// <summary>The stored version is not the one the decision read: nothing was written; reload and decide again.</summary>
    Conflict,

    /// <summary>The purchase or merge was already recorded: nothing was written.</summary>
    AlreadyDone,
}

internal sealed record DurableSaveResult(DurableSaveOutcome Outcome, string? CartId);

/// <summary>Something that must change a user's cart once: recorded in the same transaction as the change.</summary>
internal abstract record DurableClaim
{
    private DurableClaim()
    {
    }

    /// <summary>A checkout's purchase (a <c>cart_purchases</c> row, as the SQL store writes).</summary>
    public sealed record Purchase(string PurchaseId, DateTimeOffset At) : DurableClaim;

    /// <summary>One generation of a guest cart folded into the user's cart (a <c>cart_merges</c> row).</summary>
    public sealed record Merge(string GuestCartId, string Generation, DateTimeOffset GuestExpiresAt) : DurableClaim;
}

/// <summary>
/// The durable copy of signed-in carts for the scale-out deployment (ADR 0008), in the SQL store's own
/// tables plus a version per cart. Every save is conditioned on the version the decision was made on,
/// so PostgreSQL orders the writers of one cart and a writer that lost the race writes nothing.
/// </summary>
internal sealed class DurableCartCopy(Database database)
{
    private readonly WriteQueue _writes = new(database);

    /// <summary>The user's cart and its version (0 with no cart), read from one snapshot.</summary>
    public async Task<(StoredCart? Cart, long Version)> LoadAsync(CartOwner owner, CancellationToken cancellationToken)
    {
        Debug.Assert(owner.Kind == CartOwnerKind.User, "Only signed-in carts have a durable copy.");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(
            database.IsPostgres ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable, cancellationToken);
        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT version FROM cart_carts WHERE owner_kind = @Kind AND owner_id = @OwnerId",
            new { Kind = owner.KindName, OwnerId = owner.Id },
            transaction,
            cancellationToken: cancellationToken));
        var cart = version is null ? null : await CartRows.LoadAsync(connection, transaction, owner, forUpdate: false, cancellationToken);
        return (cart, version ?? 0);
    }

    /// <summary>
    /// Records <paramref name="claim"/> (if any) and writes <paramref name="events"/> on the cart
    /// <paramref name="cartId"/> (null: the user has none yet) if it is still at <paramref name="expectedVersion"/>;
    /// the copy is then at <paramref name="expectedVersion"/> + 1 (1 for a new cart). All or nothing.
    /// </summary>
    public Task<DurableSaveResult> SaveAsync(
        CartOwner owner, string? cartId, long expectedVersion, IReadOnlyList<CartEvent> events, DurableClaim? claim, CancellationToken cancellationToken)
    {
        Debug.Assert(owner.Kind == CartOwnerKind.User, "Only signed-in carts have a durable copy.");
        return _writes.RunAsync(async write =>
        {
            var (connection, transaction) = (write.Connection, write.Transaction);
            if (claim is not null && !await ClaimAsync(connection, transaction, owner, claim, cancellationToken))
            {
                return new DurableSaveResult(DurableSaveOutcome.AlreadyDone, cartId);
            }

            if (events.Count > 0)
            {
                var moved = cartId is null
                    ? await InsertAsync(connection, transaction, owner, cartId = GuestCartId.New(), events[0].At, cancellationToken)
                    : await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE cart_carts SET version = version + 1 WHERE id = @CartId AND version = @Expected",
                        new { CartId = cartId, Expected = expectedVersion },
                        transaction,
                        cancellationToken: cancellationToken));
                if (moved == 0)
                {
                    return new DurableSaveResult(DurableSaveOutcome.Conflict, cartId); // rolled back with the claim
                }

                cartId = await CartEventWriter.WriteAsync(connection, transaction, owner, cartId, events, cancellationToken);
            }

            await write.CommitAsync(cancellationToken);
            return new DurableSaveResult(DurableSaveOutcome.Saved, cartId);
        }, cancellationToken);
    }

    /// <summary>Deletes expired copies and the merge records of guest carts that have expired by now.</summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var carts = await CartRows.DeleteExpiredAsync(database, now, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM cart_merges WHERE expires_at <= @Now", new { Now = now.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
        return carts;
    }

    /// <summary>A new cart at version 1; none when the owner already has one (a concurrent first change won).</summary>
    private static Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, CartOwner owner, string cartId, DateTimeOffset at, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO cart_carts (id, owner_kind, owner_id, created_at, updated_at, expires_at, version)
            VALUES (@Id, @Kind, @OwnerId, @At, @At, @At, 1)
            ON CONFLICT (owner_kind, owner_id) DO NOTHING
            """,
            new { Id = cartId, Kind = owner.KindName, OwnerId = owner.Id, At = at.ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>True when the claim is new. A concurrent claim of the same key waits here for the other transaction's outcome.</summary>
    private static Task<bool> ClaimAsync(DbConnection connection, DbTransaction transaction, CartOwner owner, DurableClaim claim, CancellationToken cancellationToken)
    {
        var (sql, parameters) = claim switch
        {
            DurableClaim.Purchase purchase => (
                "INSERT INTO cart_purchases (user_id, purchase_id, recorded_at) VALUES (@UserId, @Key, @At) ON CONFLICT (user_id, purchase_id) DO NOTHING",
                (object)new { UserId = owner.Id, Key = purchase.PurchaseId, At = purchase.At.ToUnixTimeMilliseconds() }),
            DurableClaim.Merge merge => (
                """
                INSERT INTO cart_merges (guest_cart_id, generation, user_id, expires_at) VALUES (@GuestCartId, @Generation, @UserId, @ExpiresAt)
                ON CONFLICT (guest_cart_id, generation) DO NOTHING
                """,
                new { merge.GuestCartId, merge.Generation, UserId = owner.Id, ExpiresAt = merge.GuestExpiresAt.ToUnixTimeMilliseconds() }),
            _ => throw new UnreachableException($"Unknown claim {claim.GetType().Name}."),
        };
        return Execute();

        async Task<bool> Execute() =>
            await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)) == 1;
    }
}
