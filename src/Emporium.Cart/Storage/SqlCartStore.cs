using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Cart.Identity;
using Emporium.Cart.Model;

namespace Emporium.Cart.Storage;

/// <summary>
/// Carts in <c>cart_carts</c> and <c>cart_lines</c>, on SQLite or PostgreSQL. Each change is one
/// transaction that serialises with every other change of the same cart: SQLite transactions begin
/// IMMEDIATE (one writer at a time); on PostgreSQL an advisory lock on the owner covers a cart that
/// does not exist yet, and <c>FOR UPDATE</c> on its row keeps the purge from deleting it mid-change.
/// <c>cart_purchases</c> remembers which purchases already took their lines out of a user's cart.
/// </summary>
internal sealed class SqlCartStore(Database database) : ICartStore
{
    /// <summary>Every change's transaction: queued in process on SQLite rather than spinning in its busy-retry sleeps.</summary>
    private readonly WriteQueue _writes = new(database, WriteDurability.Relaxed);

    public async Task<StoredCart?> FindAsync(CartOwner owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await CartRows.LoadAsync(connection, null, owner, forUpdate: false, cancellationToken);
    }

    public Task<Result<StoredCart?>> ChangeAsync(CartOwner owner, CartDecision decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return _writes.RunAsync<Result<StoredCart?>>(async write =>
        {
            var (connection, transaction) = (write.Connection, write.Transaction);
            await LockAsync(connection, transaction, [owner], cancellationToken);
            var stored = await CartRows.LoadAsync(connection, transaction, owner, database.IsPostgres, cancellationToken);
            var state = stored?.State ?? CartState.Empty.Instance;

            var decision = decide(state);
            if (!decision.IsSuccess)
            {
                return Result<StoredCart?>.Failure(decision.Error!);
            }

            if (decision.Value.Count == 0)
            {
                return stored;
            }

            var after = await SaveAsync(connection, transaction, owner, stored, decision.Value, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return after;
        }, cancellationToken);
    }

    public Task<bool> ChangeForPurchaseAsync(CartOwner owner, string purchaseId, CartDecision decide, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(decide);
        if (owner.Kind != CartOwnerKind.User)
        {
            throw new ArgumentException("Only a signed-in user's cart takes part in a purchase.", nameof(owner));
        }

        return _writes.RunAsync(async write =>
        {
            var (connection, transaction) = (write.Connection, write.Transaction);
            await LockAsync(connection, transaction, [owner], cancellationToken);

            // Under the owner's lock, so two deliveries of one purchase queue here and the second finds the row.
            var first = await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO cart_purchases (user_id, purchase_id, recorded_at) VALUES (@UserId, @PurchaseId, @At) ON CONFLICT (user_id, purchase_id) DO NOTHING",
                new { UserId = owner.Id, PurchaseId = purchaseId, At = now.ToUnixTimeMilliseconds() },
                transaction,
                cancellationToken: cancellationToken));
            if (first == 0)
            {
                return false;
            }

            var stored = await CartRows.LoadAsync(connection, transaction, owner, database.IsPostgres, cancellationToken);
            var decision = decide(stored?.State ?? CartState.Empty.Instance);
            if (!decision.IsSuccess)
            {
                throw new InvalidOperationException($"A purchase's cart change was refused: {decision.Error!.Code}.");
            }

            if (decision.Value.Count > 0)
            {
                await SaveAsync(connection, transaction, owner, stored, decision.Value, cancellationToken);
            }

            // Committed even when the cart had nothing to give up: a later replay must not take lines added since.
            await write.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    public Task<StoredCart?> MergeAsync(CartOwner into, CartOwner from, MergeDecision decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return _writes.RunAsync(async write =>
        {
            var (connection, transaction) = (write.Connection, write.Transaction);
            await LockAsync(connection, transaction, [into, from], cancellationToken);
            var receiving = await CartRows.LoadAsync(connection, transaction, into, database.IsPostgres, cancellationToken);
            var giving = await CartRows.LoadAsync(connection, transaction, from, database.IsPostgres, cancellationToken);

            var (intoEvents, fromEvents) = decide(receiving?.State ?? CartState.Empty.Instance, giving?.State ?? CartState.Empty.Instance);
            var after = intoEvents.Count == 0 ? receiving : await SaveAsync(connection, transaction, into, receiving, intoEvents, cancellationToken);
            if (fromEvents.Count > 0)
            {
                await SaveAsync(connection, transaction, from, giving, fromEvents, cancellationToken);
            }

            await write.CommitAsync(cancellationToken);
            return after;
        }, cancellationToken);
    }

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        CartRows.DeleteExpiredAsync(database, now, cancellationToken);

    private static async Task<StoredCart?> SaveAsync(
        DbConnection connection, DbTransaction transaction, CartOwner owner, StoredCart? stored, IReadOnlyList<CartEvent> events, CancellationToken cancellationToken)
    {
        var state = (stored?.State ?? CartState.Empty.Instance).Apply(events);
        var cartId = await CartEventWriter.WriteAsync(connection, transaction, owner, stored?.CartId, events, cancellationToken);
        return state is CartState.Open ? new StoredCart(cartId, owner, state) : null;
    }

    private async Task LockAsync(DbConnection connection, DbTransaction transaction, CartOwner[] owners, CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
        {
            return; // the IMMEDIATE transaction already holds SQLite's single write lock
        }

        // One order for every caller, so two merges touching the same carts cannot deadlock.
        foreach (var key in owners.Select(o => $"cart:{o.KindName}:{o.Id}").Order(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtextextended(@Key, 0))", new { Key = key }, transaction, cancellationToken: cancellationToken));
        }
    }

}
