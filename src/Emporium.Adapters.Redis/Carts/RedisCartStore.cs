using System.Globalization;
using System.Security.Cryptography;
using Emporium.Adapters.Redis.Connection;
using Emporium.BuildingBlocks.Results;
using Emporium.Cart.Identity;
using Emporium.Cart.Model;
using Emporium.Cart.Storage;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.Carts;

/// <summary>
/// Carts as Redis hashes that expire with the cart (ADR 0008). Every change reads the hash, decides, and
/// saves with a compare-and-set on the hash's version; a writer that lost the race reads again and
/// decides again, so concurrent changes of one cart are all kept and one owner has one hash, hence one cart.
/// A signed-in cart is saved to PostgreSQL first (<see cref="DurableCartCopy"/>, conditioned on the same
/// version), then to Redis: PostgreSQL orders its writers and survives a Redis loss, Redis serves the reads.
/// Guest carts live in Redis only.
/// </summary>
internal sealed partial class RedisCartStore(RedisStore redis, DurableCartCopy durable, TimeProvider clock, ILogger<RedisCartStore> logger) : ICartStore
{
    /// <summary>Far more than one cart ever sees: a shopper's requests, not a crowd, change one cart.</summary>
    private const int MaxAttempts = 100;

    /// <summary>How long "this user has no cart" is remembered before PostgreSQL is asked again.</summary>
    private static readonly TimeSpan NoCartLifetime = TimeSpan.FromHours(1);

    /// <summary>The least a hash is kept: an expired cart read back from PostgreSQL stays until a change restarts it or the purge runs.</summary>
    private static readonly TimeSpan LeastLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Tests only: runs after a signed-in cart's PostgreSQL commit and before its Redis write (throw to act out a crash there).</summary>
    internal Func<CartOwner, Task>? AfterDurableSave { get; init; }

    public async Task<StoredCart?> FindAsync(CartOwner owner, CancellationToken cancellationToken) =>
        (await LoadAsync(owner, cancellationToken)).Cart;

    public async Task<Result<StoredCart?>> ChangeAsync(CartOwner owner, CartDecision decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await LoadAsync(owner, cancellationToken);
            var decision = decide(loaded.State);
            if (!decision.IsSuccess)
            {
                return Result<StoredCart?>.Failure(decision.Error!);
            }

            if (decision.Value.Count == 0)
            {
                return loaded.Cart;
            }

            var (outcome, after) = await SaveAsync(owner, loaded, decision.Value, claim: null, cancellationToken);
            if (outcome == DurableSaveOutcome.Saved)
            {
                return after;
            }

            await BackOffAsync(owner, attempt, cancellationToken);
        }
    }

    public async Task<bool> ChangeForPurchaseAsync(CartOwner owner, string purchaseId, CartDecision decide, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(decide);
        if (owner.Kind != CartOwnerKind.User)
        {
            throw new ArgumentException("Only a signed-in user's cart takes part in a purchase.", nameof(owner));
        }

        for (var attempt = 1; ; attempt++)
        {
            var loaded = await LoadAsync(owner, cancellationToken);
            var decision = decide(loaded.State);
            if (!decision.IsSuccess)
            {
                throw new InvalidOperationException($"A purchase's cart change was refused: {decision.Error!.Code}.");
            }

            // The purchase is recorded in PostgreSQL even when the cart has nothing to give up, as the SQL store does.
            var (outcome, _) = await SaveAsync(owner, loaded, decision.Value, new DurableClaim.Purchase(purchaseId, now), cancellationToken);
            switch (outcome)
            {
                case DurableSaveOutcome.Saved:
                    return true;
                case DurableSaveOutcome.AlreadyDone:
                    return false;
                default:
                    await BackOffAsync(owner, attempt, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>The owner's cart hash; for a user without one, the durable copy read back into Redis.</summary>
    private async Task<RedisCart> LoadAsync(CartOwner owner, CancellationToken cancellationToken)
    {
        var entries = await redis.Database.HashGetAllAsync(CartKeys.Cart(redis, owner));
        if (entries.Length > 0)
        {
            return CartHash.Read(owner, entries);
        }

        if (owner.Kind == CartOwnerKind.Guest)
        {
            return new RedisCart(null, 0, null);
        }

        // Never cached, flushed, or expired in Redis: PostgreSQL has the truth. Written back only if the
        // hash is still missing, so a copy a writer saved meanwhile is never overwritten by this older read.
        var (cart, version) = await durable.LoadAsync(owner, cancellationToken);
        var copy = new RedisCart(cart, version, null);
        await WriteAsync(owner, expected: "-", copy, cancellationToken);
        return copy;
    }

    /// <summary>
    /// Saves <paramref name="events"/> decided on <paramref name="loaded"/>: PostgreSQL first for a user's cart
    /// (with <paramref name="claim"/>), then the Redis hash, each conditioned on the version read.
    /// </summary>
    private async Task<(DurableSaveOutcome Outcome, StoredCart? Cart)> SaveAsync(
        CartOwner owner, RedisCart loaded, IReadOnlyList<CartEvent> events, DurableClaim? claim, CancellationToken cancellationToken)
    {
        var cartId = loaded.Cart?.CartId;
        var generation = loaded.Generation;
        if (owner.Kind == CartOwnerKind.User)
        {
            var durableSave = await durable.SaveAsync(owner, cartId, loaded.Version, events, claim, cancellationToken);
            if (durableSave.Outcome != DurableSaveOutcome.Saved)
            {
                // PostgreSQL moved on (or already holds this claim's change): the Redis copy may be behind it, so
                // it goes, and the next read takes the durable copy. Only if it is still the copy this writer read.
                await WriteAsync(owner, loaded.Version.ToString(CultureInfo.InvariantCulture), null, cancellationToken);
                return (durableSave.Outcome, null);
            }

            cartId = durableSave.CartId;
            if (AfterDurableSave is { } afterDurableSave)
            {
                await afterDurableSave(owner);
            }
        }
        else
        {
            cartId ??= owner.Id;
            generation = generation is null || events.Any(e => e is CartEvent.Opened) ? NewGeneration() : generation;
        }

        if (events.Count == 0)
        {
            return (DurableSaveOutcome.Saved, loaded.Cart); // a purchase or merge that changed nothing but its record
        }

        var after = loaded.State.Apply(events) is CartState.Open open ? new StoredCart(cartId!, owner, open) : null;
        var saved = new RedisCart(after, loaded.Version + 1, generation);
        var written = await WriteAsync(owner, loaded.Version.ToString(CultureInfo.InvariantCulture), after is null ? null : saved, cancellationToken);

        // A user's hash that moved on was dropped or read back from PostgreSQL, which already has this change.
        return written || owner.Kind == CartOwnerKind.User ? (DurableSaveOutcome.Saved, after) : (DurableSaveOutcome.Conflict, null);
    }

    /// <summary>
    /// Compare-and-set of the owner's hash: <paramref name="cart"/> (or no hash, when null) if the hash is
    /// at <paramref name="expected"/> (<c>-</c>: absent). The hash lives as long as the cart does.
    /// </summary>
    private async Task<bool> WriteAsync(CartOwner owner, string expected, RedisCart? cart, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var open = cart?.Cart?.State as CartState.Open;
        var lifetime = open is null ? NoCartLifetime : open.ExpiresAt - clock.GetUtcNow();
        var arguments = new List<RedisValue> { expected, (long)Math.Max(lifetime.TotalMilliseconds, LeastLifetime.TotalMilliseconds) };
        if (cart is not null)
        {
            arguments.AddRange(CartHash.Fields(cart.Cart, cart.Version, cart.Generation));
        }

        var database = redis.Database;
        var written = (long)await database.ScriptEvaluateAsync(CartScripts.CompareAndSet, [CartKeys.Cart(redis, owner)], [.. arguments]) == 1;
        if (written && open is not null)
        {
            // Outside the script (another slot): the index only lets the purge find carts due by the host's clock.
            await database.SortedSetAddAsync(CartKeys.ExpiryIndex(redis), CartKeys.Member(owner), open.ExpiresAt.ToUnixTimeMilliseconds());
        }

        return written;
    }

    private async Task BackOffAsync(CartOwner owner, int attempt, CancellationToken cancellationToken)
    {
        if (attempt >= MaxAttempts)
        {
            throw new InvalidOperationException($"The {owner.KindName} cart kept changing under {MaxAttempts} attempts to save a change.");
        }

        // Real time, not the host's clock (a test's clock stands still). Random, growing a little with each attempt, so the writers that collided do not collide again.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, Math.Min(2 + attempt, 20))), cancellationToken);
    }

    private static string NewGeneration() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
