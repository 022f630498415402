using System.Collections.Concurrent;
using Emporium.Adapters.RabbitMq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace Emporium.IntegrationTests.Infrastructure;

/// <summary>
/// The suite's RabbitMQ node (scripts/test.sh starts one) as the scale-out fixtures use it: each test
/// database gets a namespace of its own, and what its hosts declared there is deleted with the database,
/// so the broker does not collect a fixture's quorum queues for the rest of the run.
/// </summary>
internal static class ScaleOutBroker
{
    private static readonly ConcurrentDictionary<string, string[][]> Declared = new(StringComparer.Ordinal);

    public static string Uri => Environment.GetEnvironmentVariable("EMPORIUM_TEST_RABBITMQ")
        ?? throw new InvalidOperationException(
            "EMPORIUM_TEST_RABBITMQ is not set: run the suite with scripts/test.sh, which starts a RabbitMQ node for it.");

    /// <summary>Deletes the queues and exchanges a host of <paramref name="ns"/> declared, if one started.</summary>
    public static async Task DeleteNamespaceAsync(string ns)
    {
        if (!Declared.TryRemove(ns, out var declared))
        {
            return;
        }

        var factory = new ConnectionFactory { Uri = new Uri(Uri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in declared[0])
        {
            await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        }

        foreach (var exchange in declared[1])
        {
            await channel.ExchangeDeleteAsync(exchange, ifUnused: false);
        }
    }

    /// <summary>Registered in every test host: notes what the host's topology declares, under its namespace.</summary>
    internal sealed class Remember(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (services.GetService<RabbitMqTopology>() is { } topology)
            {
                string[] queues = [.. topology.Consumers.Keys.SelectMany(c => new[] { topology.QueueOf(c), topology.DeadQueueOf(c) })];
                Declared.TryAdd(topology.Namespace, [queues, [topology.EventsExchange, topology.DeadExchange]]);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
