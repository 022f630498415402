using Emporium.Adapters.Redis.Carts;
using Emporium.Adapters.Redis.Connection;
using Emporium.Adapters.Redis.FlashSales;
using Emporium.Adapters.Redis.RateLimiting;
using Emporium.Adapters.Redis.WaitingRoom;
using Emporium.Accounts.RateLimiting;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.FlashSales.Buying;
using Emporium.FlashSales.WaitingRoom;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emporium.Adapters.Redis;

/// <summary>The Redis adapters' registration: the only public surface of the project.</summary>
public static class RedisAdapters
{
    /// <summary>Whether <c>ConnectionStrings:Redis</c> is set (then <see cref="AddRedisAdapters"/> replaces the in-process ports).</summary>
    public static bool IsConfigured(IConfiguration configuration) => RedisSettings.From(configuration) is not null;

    /// <summary>
    /// When <c>ConnectionStrings:Redis</c> is set, replaces the modules' in-process ports with their Redis
    /// adapters; otherwise changes nothing. Call after the modules' registrations. Redis is the scale-out
    /// deployment's shared memory, never its truth: it needs PostgreSQL beside it (the stock gate is rebuilt
    /// from it, signed-in carts are kept in it).
    /// </summary>
    public static IServiceCollection AddRedisAdapters(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = RedisSettings.From(configuration);
        if (settings is null)
        {
            return services;
        }

        if (options.Provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Redis is set but ConnectionStrings:Postgres is not: the Redis adapters are for the scale-out deployment, " +
                "whose source of truth is PostgreSQL. Set both, or neither for the embedded deployment.");
        }

        services.AddSingleton(settings);
        services.AddSingleton<RedisStore>();
        services.AddHostedService<RedisConnectionWarmup>();
        services.AddExceptionHandler<RedisOutageProblem>();
        services.AddHealthChecks().AddCheck<RedisReadyCheck>("redis", tags: [HealthTags.Ready]);
        RedisFlashSales.Add(services);
        services.AddRedisCarts();
        services.AddSingleton<FixedWindowCounter>();

        // One queue and one set of purchase counts for every instance. The in-process limiter stays
        // registered as the fallback while Redis is unreachable.
        services.Replace(ServiceDescriptor.Singleton<IWaitingRoom, RedisWaitingRoom>());
        services.TryAddSingleton<InProcessPurchaseRateLimits>();
        services.Replace(ServiceDescriptor.Singleton<IPurchaseRateLimits, RedisPurchaseRateLimits>());
        services.Replace(ServiceDescriptor.Singleton<ISignInLimits, RedisSignInLimits>());
        return services;
    }
}
