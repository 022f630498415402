using Emporium.FlashSales.Buying;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emporium.Adapters.Redis.FlashSales;

/// <summary>Replaces the in-process stock gate with the shared one on Redis, and runs its reconciliation.</summary>
internal static class RedisFlashSales
{
    public static void Add(IServiceCollection services)
    {
        services.RemoveAll<IStockGate>();
        services.AddSingleton<GateRebuild>();
        services.AddSingleton<RedisStockGate>();
        services.AddSingleton<IStockGate>(provider => provider.GetRequiredService<RedisStockGate>());
        services.AddSingleton<GateReconciliation>();
        services.AddHostedService(provider => provider.GetRequiredService<GateReconciliation>());
    }
}
