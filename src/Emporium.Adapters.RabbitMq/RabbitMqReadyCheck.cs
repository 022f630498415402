using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Emporium.Adapters.RabbitMq;

/// <summary>Part of <c>/health/ready</c> when RabbitMQ carries the events: ready when the broker connection is open.</summary>
internal sealed class RabbitMqReadyCheck(RabbitMqConnection connection, RabbitMqOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Opens the connection if nothing has yet: a probe is a fair moment to try.
            var open = await connection.GetAsync(cancellationToken);
            return open.IsOpen
                ? HealthCheckResult.Healthy($"RabbitMQ at {options.Endpoint} connected.")
                : HealthCheckResult.Unhealthy($"RabbitMQ at {options.Endpoint}: connection lost, recovering.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"RabbitMQ at {options.Endpoint} unreachable.", exception);
        }
    }
}
