using Emporium.Cart.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emporium.Adapters.Redis.Carts;

internal static class RedisCartRegistration
{
    /// <summary>Carts in Redis with signed-in carts' durable copy in PostgreSQL, in place of the SQL store (ADR 0008).</summary>
    public static IServiceCollection AddRedisCarts(this IServiceCollection services)
    {
        services.AddSingleton<DurableCartCopy>();
        services.RemoveAll<ICartStore>();
        services.AddSingleton<ICartStore, RedisCartStore>();
        return services;
    }
}
