using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.Connection;

/// <summary>Ready when Redis answers a PING.</summary>
internal sealed class RedisReadyCheck(RedisStore redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.Database.PingAsync();
            return HealthCheckResult.Healthy($"Redis reachable ({latency.TotalMilliseconds:F1} ms).");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis unreachable.", exception);
        }
    }
}
