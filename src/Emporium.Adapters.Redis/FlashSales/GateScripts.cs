namespace Emporium.Adapters.Redis.FlashSales;

/// <summary>
/// The stock gate's Lua scripts. Each runs atomically in Redis, on two keys of one hash tag: the sale's
/// gate hash (<c>epoch</c>, <c>remaining</c>, <c>limit</c>, <c>starts</c>, <c>ends</c> in Unix ms) and its
/// buyers hash (user id → units held). A missing gate hash means "rebuild me from storage".
/// </summary>
internal static class GateScripts
{
    /// <summary>Outcome codes of <see cref="Take"/> (the first element of its answer).</summary>
    public const int NotLoaded = -1, Claimed = 0, NotStarted = 1, Ended = 2, SoldOut = 3, LimitReached = 4;

    /// <summary>
    /// One purchase attempt: KEYS gate, buyers; ARGV user id, now (ms). Answers { outcome, remaining, epoch }.
    /// The window, the buyer's limit and the units left are checked and both counts changed in one step.
    /// </summary>
    public const string Take = """
        local g = redis.call('HMGET', KEYS[1], 'epoch', 'remaining', 'limit', 'starts', 'ends')
        if not g[1] then return {-1, 0, '0'} end
        local now = tonumber(ARGV[2])
        local remaining = tonumber(g[2])
        if now < tonumber(g[4]) then return {1, remaining, g[1]} end
        if now >= tonumber(g[5]) then return {2, remaining, g[1]} end
        if remaining <= 0 then return {3, 0, g[1]} end
        local held = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
        if held >= tonumber(g[3]) then return {4, remaining, g[1]} end
        redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
        return {0, redis.call('HINCRBY', KEYS[1], 'remaining', -1), g[1]}
        """;

    /// <summary>
    /// Gives a unit back: KEYS gate, buyers; ARGV user id, epoch. Only to the generation that granted it (a
    /// rebuild counted it from storage already) and only if the buyer holds one. Answers the units left, or -1.
    /// </summary>
    public const string GiveBack = """
        if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[2] then return -1 end
        local held = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
        if held <= 0 then return -1 end
        redis.call('HINCRBY', KEYS[2], ARGV[1], -1)
        return redis.call('HINCRBY', KEYS[1], 'remaining', 1)
        """;

    /// <summary>
    /// Installs a generation built from storage: KEYS gate, buyers; ARGV epoch, remaining, limit, starts,
    /// ends, ttl (ms), then user id / count pairs. Never replaces a newer generation. The buyers hash always
    /// gets a placeholder field so it exists, with its expiry, before the first take adds to it. Answers 1 or 0.
    /// </summary>
    public const string Install = """
        local current = redis.call('HGET', KEYS[1], 'epoch')
        if current and tonumber(current) >= tonumber(ARGV[1]) then return 0 end
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'remaining', ARGV[2], 'limit', ARGV[3], 'starts', ARGV[4], 'ends', ARGV[5])
        redis.call('HSET', KEYS[2], '_', 0)
        for i = 7, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        redis.call('PEXPIRE', KEYS[2], ARGV[6])
        return 1
        """;

    /// <summary>Drops the generation <c>ARGV[1]</c> if it is still the installed one (storage refused its claims).</summary>
    public const string Drop = """
        if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1], KEYS[2])
        return 1
        """;
}
