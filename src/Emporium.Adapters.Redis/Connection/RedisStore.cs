using StackExchange.Redis;

namespace Emporium.Adapters.Redis.Connection;

/// <summary>
/// The one connection to Redis (a multiplexer is meant to be shared by the whole process) and the key
/// naming rule. Keys that a script touches together carry the same hash tag, e.g.
/// <c>emporium:{sale:42}:gate</c> and <c>emporium:{sale:42}:buyers</c>, so that they live on one node of
/// a Redis Cluster, where a script may only touch keys of one slot.
/// </summary>
internal sealed class RedisStore : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _connection;

    public RedisStore(RedisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        KeyPrefix = settings.KeyPrefix;
        var options = ConfigurationOptions.Parse(settings.Configuration);

        // Start even while Redis is down (the ready check says so) and reconnect by itself afterwards.
        options.AbortOnConnectFail = false;
        _connection = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
    }

    public string KeyPrefix { get; }

    public IDatabase Database => _connection.Value.GetDatabase();

    /// <summary>The key <c>{prefix}{{tag}}:{name}</c>: <paramref name="tag"/> decides the cluster slot.</summary>
    public RedisKey Key(string tag, string name) => $"{KeyPrefix}{{{tag}}}:{name}";

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value.Dispose();
        }
    }
}
