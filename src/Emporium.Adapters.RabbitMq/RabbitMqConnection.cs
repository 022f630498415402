using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Emporium.Adapters.RabbitMq;

/// <summary>
/// The instance's one connection to the broker, opened on first use (so a broker that is down at
/// start-up delays delivery instead of failing the host) and declaring the topology each time it is
/// opened. Once open, the client's automatic recovery reconnects it, and its channels and consumers,
/// after a broker restart.
/// </summary>
internal sealed class RabbitMqConnection(RabbitMqOptions options, RabbitMqTopology topology, ILogger<RabbitMqConnection> logger) : IAsyncDisposable
{
    private readonly SemaphoreSlim _opening = new(1, 1);
    private IConnection? _connection;

    /// <summary>Open now, or recovering on its own; false before the first successful connect.</summary>
    public bool IsOpen => _connection?.IsOpen == true;

    public async Task<IConnection> GetAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } existing)
        {
            return existing;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                var factory = new ConnectionFactory
                {
                    Uri = options.Uri,
                    AutomaticRecoveryEnabled = true,
                    TopologyRecoveryEnabled = true,
                    NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
                    RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
                    ClientProvidedName = $"emporium {Environment.MachineName} {Environment.ProcessId}",
                };
                var connection = await factory.CreateConnectionAsync(cancellationToken);
                try
                {
                    // Queues must exist before the first publish: a message routed to no queue is dropped.
                    await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                    await topology.DeclareAsync(channel, cancellationToken);
                }
                catch
                {
                    await connection.DisposeAsync();
                    throw;
                }

                logger.LogInformation("Connected to RabbitMQ at {Endpoint}; exchange {Exchange} and {Queues} consumer queues declared", options.Endpoint, topology.EventsExchange, topology.Consumers.Count);
                _connection = connection;
            }

            return _connection;
        }
        finally
        {
            _opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            await connection.CloseAsync();
            await connection.DisposeAsync();
        }

        _opening.Dispose();
    }
}
