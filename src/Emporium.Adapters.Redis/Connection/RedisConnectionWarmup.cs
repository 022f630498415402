using Microsoft.Extensions.Hosting;

namespace Emporium.Adapters.Redis.Connection;

/// <summary>
/// Connects to Redis while the app starts instead of on the first request that needs it.
/// </summary>
/// <remarks>
/// <see cref="RedisStore"/> connects lazily and synchronously. When that first need is a burst (a flash
/// sale's waiting room on a freshly started instance), every request of the burst blocks a thread-pool
/// thread on the lazy connection, while the connection's own socket completions wait for a free
/// thread-pool thread: the pool grows by a thread or two a second, so the burst stalled for minutes in a
/// test (500 joins on a cold host). Connecting here costs start-up at most the connect timeout when
/// Redis is down (the ready check then says so; the multiplexer keeps retrying).
/// </remarks>
internal sealed class RedisConnectionWarmup(RedisStore redis) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = redis.Database;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
