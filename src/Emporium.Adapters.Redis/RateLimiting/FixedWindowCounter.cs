using Emporium.Adapters.Redis.Connection;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.RateLimiting;

/// <summary>
/// Fixed-window attempt counters in Redis, shared by every app instance: one key per limited thing (a
/// buyer, an address) and window length, counting attempts until it expires.
/// </summary>
/// <remarks>
/// The window opens at the key's first attempt and closes when Redis expires the key, so the window is
/// timed by Redis's clock alone: instances whose clocks disagree still share one window, and nothing
/// needs a clock argument. Each key is its own hash tag: a count touches one key, whatever slot it is in.
/// </remarks>
internal sealed class FixedWindowCounter(RedisStore redis)
{
    /// <summary>
    /// INCR and, on a key with no expiry yet (a new window), PEXPIRE, in one step: a key can never be left
    /// counting forever by a caller that died between the two. Refused attempts count too; they do not
    /// lengthen the window. Reply: the count including this attempt, and the window's remaining ms.
    /// </summary>
    private const string CountScript = """
        local count = redis.call('INCR', KEYS[1])
        local remaining = redis.call('PTTL', KEYS[1])
        if remaining < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          remaining = tonumber(ARGV[1])
        end
        return {count, remaining}
        """;

    /// <summary>The key of <paramref name="subject"/>'s (e.g. <c>purchase:user:42</c>) counter for windows of <paramref name="window"/>.</summary>
    public RedisKey KeyOf(string subject, TimeSpan window) =>
        redis.Key($"limit:{subject}", $"{(long)window.TotalMilliseconds}ms");

    /// <summary>Counts one attempt against <paramref name="key"/>: allowed while the window's count stays within <paramref name="limit"/>.</summary>
    public async Task<(bool IsAllowed, TimeSpan Remaining)> CountAsync(RedisKey key, int limit, TimeSpan window)
    {
        var reply = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(CountScript, [key], [(long)window.TotalMilliseconds]))!;
        return ((long)reply[0] <= limit, TimeSpan.FromMilliseconds((long)reply[1]));
    }

    /// <summary>Ends <paramref name="key"/>'s window: the next attempt opens a new one.</summary>
    public Task ResetAsync(RedisKey key) => redis.Database.KeyDeleteAsync(key);
}
