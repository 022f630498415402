using Microsoft.Extensions.Configuration;

namespace Emporium.Adapters.Redis.Connection;

/// <summary>
/// <c>ConnectionStrings:Redis</c> (a StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>)
/// and <c>Emporium:Redis:KeyPrefix</c> (default <c>emporium:</c>): every key this deployment writes starts
/// with the prefix, so several deployments (or test runs) can share one Redis.
/// </summary>
internal sealed record RedisSettings(string Configuration, string KeyPrefix)
{
    public static RedisSettings? From(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connection))
        {
            return null;
        }

        var prefix = configuration["Emporium:Redis:KeyPrefix"];
        return new RedisSettings(connection, string.IsNullOrEmpty(prefix) ? "emporium:" : prefix);
    }
}
