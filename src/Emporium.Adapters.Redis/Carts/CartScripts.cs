namespace Emporium.Adapters.Redis.Carts;

/// <summary>The Lua scripts of the cart adapter; each touches one key, so each runs on one cluster slot.</summary>
internal static class CartScripts
{
    /// <summary>
    /// Compare-and-set of a whole cart hash. ARGV[1] is the version the caller read (a missing hash reads
    /// as version 0) or <c>-</c> for "only if there is no hash"; ARGV[2] the lifetime in ms; ARGV[3..] the
    /// fields, none to delete the cart. Returns 1 when written, 0 when the hash had moved on.
    /// </summary>
    public const string CompareAndSet = """
        local current = redis.call('HGET', KEYS[1], 'v')
        if ARGV[1] == '-' then
          if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        elseif (current or '0') ~= ARGV[1] then
          return 0
        end
        redis.call('DEL', KEYS[1])
        if #ARGV > 2 then
          redis.call('HSET', KEYS[1], unpack(ARGV, 3))
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
        end
        return 1
        """;

    /// <summary>Deletes the cart if its expiry (ms) is at or before ARGV[1] by the host's clock; 1 when deleted.</summary>
    public const string DeleteIfExpired = """
        local expires = redis.call('HGET', KEYS[1], 'exp')
        if expires and tonumber(expires) <= tonumber(ARGV[1]) then
          redis.call('DEL', KEYS[1])
          return 1
        end
        return 0
        """;

    /// <summary>Takes ARGV[1] out of the expiry index if its score is still ARGV[2] (a renewal meanwhile keeps it).</summary>
    public const string UnindexIfUnchanged = """
        local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
        if score and tonumber(score) == tonumber(ARGV[2]) then
          return redis.call('ZREM', KEYS[1], ARGV[1])
        end
        return 0
        """;
}
