using Emporium.Adapters.Redis.Connection;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.FlashSales;

/// <summary>A sale's two gate keys, on one hash tag (<c>{sale:42}</c>) so a script may touch both on Redis Cluster.</summary>
internal static class GateKeys
{
    public static RedisKey[] Of(RedisStore redis, long saleId)
    {
        var tag = "sale:" + saleId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [redis.Key(tag, "gate"), redis.Key(tag, "buyers")];
    }
}
