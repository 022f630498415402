using Emporium.Cart.Identity;

namespace Emporium.Adapters.Redis.Carts;

internal sealed partial class RedisCartStore
{
    private const int PurgeBatchSize = 500;

    /// <summary>Enough batches for a busy hour of carts; the rest waits for the next tick.</summary>
    private const int MaxPurgeBatches = 200;

    /// <summary>
    /// Deletes the durable copies that expired, and the Redis hashes due by the host's clock that Redis has
    /// not yet expired itself (its TTL runs on Redis's clock; a host's clock may run ahead, and a test's
    /// does). Counts the carts deleted: PostgreSQL rows, plus guest hashes (a user's hash is the copy of a row).
    /// </summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var purged = await durable.PurgeExpiredAsync(now, cancellationToken);
        var nowMs = now.ToUnixTimeMilliseconds();
        var database = redis.Database;
        var index = CartKeys.ExpiryIndex(redis);
        for (var batch = 0; batch < MaxPurgeBatches; batch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var due = await database.SortedSetRangeByScoreWithScoresAsync(index, double.NegativeInfinity, nowMs, take: PurgeBatchSize);
            foreach (var entry in due)
            {
                if (CartKeys.FromMember(entry.Element!) is { } owner)
                {
                    var deleted = (long)await database.ScriptEvaluateAsync(CartScripts.DeleteIfExpired, [CartKeys.Cart(redis, owner)], [nowMs]) == 1;
                    purged += deleted && owner.Kind == CartOwnerKind.Guest ? 1 : 0;
                }

                await database.ScriptEvaluateAsync(CartScripts.UnindexIfUnchanged, [index], [entry.Element, entry.Score]);
            }

            if (due.Length < PurgeBatchSize)
            {
                break;
            }
        }

        return purged;
    }
}
