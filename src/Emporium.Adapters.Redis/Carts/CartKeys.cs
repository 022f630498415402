using Emporium.Adapters.Redis.Connection;
using Emporium.Cart.Identity;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.Carts;

/// <summary>
/// Where a cart lives: one hash per owner, <c>{prefix}{cart:guest:&lt;id&gt;}:cart</c> or
/// <c>{prefix}{cart:user:&lt;id&gt;}:cart</c>. The hash tag is the owner, so every script touches one slot
/// (a merge touches two carts, hence two slots, and is ordered through PostgreSQL instead: ADR 0008).
/// </summary>
internal static class CartKeys
{
    public static RedisKey Cart(RedisStore redis, CartOwner owner) => redis.Key($"cart:{owner.KindName}:{owner.Id}", "cart");

    /// <summary>The sorted set of carts by expiry (ms), which lets the purge find carts that are due by the host's clock.</summary>
    public static RedisKey ExpiryIndex(RedisStore redis) => redis.Key("carts", "expiring");

    /// <summary>An owner as a member of the expiry index: <c>guest:&lt;id&gt;</c> or <c>user:&lt;id&gt;</c>.</summary>
    public static string Member(CartOwner owner) => $"{owner.KindName}:{owner.Id}";

    public static CartOwner? FromMember(string member)
    {
        var colon = member.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : member[..colon] switch
        {
            "guest" => CartOwner.Guest(member[(colon + 1)..]),
            "user" => CartOwner.User(member[(colon + 1)..]),
            _ => null,
        };
    }
}
