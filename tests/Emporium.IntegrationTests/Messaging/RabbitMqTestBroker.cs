using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Emporium.Adapters.RabbitMq;
using Emporium.BuildingBlocks.Messaging;
using RabbitMQ.Client;

namespace Emporium.IntegrationTests.Messaging;

public sealed record RabbitHappened(string Note) : IntegrationEvent;

/// <summary>
/// A test consumer that records each handling in <c>rabbit_deliveries</c> inside the inbox transaction,
/// counts its calls on this host, and can be told to fail.
/// </summary>
public abstract class RabbitConsumer : IIntegrationEventHandler<RabbitHappened>
{
    // Shared by every host in the test process: "fail the first delivery" must hold across instances.
    private static readonly ConcurrentDictionary<string, bool> FailedOnce = new();
    private int _calls;

    public int Calls => _calls;

    public bool FailAlways { get; set; }

    /// <summary>The first delivery of a message whose note matches fails (a transient fault), later ones succeed.</summary>
    public Func<string, bool> FailFirstDeliveryWhen { get; set; } = _ => false;

    public async Task HandleAsync(RabbitHappened message, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var name = GetType().Name;
        if (FailAlways || (FailFirstDeliveryWhen(message.Note) && FailedOnce.TryAdd(name + message.Id, true)))
        {
            throw new InvalidOperationException($"{name} fails on purpose");
        }

        await connection.ExecuteAsync(
            "INSERT INTO rabbit_deliveries (consumer, message_id, note) VALUES (@name, @id, @note)",
            new { name, id = message.Id.ToString("N"), note = message.Note },
            transaction);
    }
}

public sealed class FirstRabbitConsumer : RabbitConsumer;

public sealed class SecondRabbitConsumer : RabbitConsumer;

/// <summary>
/// The RabbitMQ node scripts/test.sh started (EMPORIUM_TEST_RABBITMQ), seen through a namespace of
/// this fixture's own, so tests running at the same time on one broker never share a queue.
/// </summary>
internal sealed class RabbitMqTestBroker : IAsyncDisposable
{
    private readonly ConnectionFactory _factory;
    private IConnection? _connection;

    public RabbitMqTestBroker()
    {
        var uri = Environment.GetEnvironmentVariable("EMPORIUM_TEST_RABBITMQ")
            ?? throw new InvalidOperationException(
                "EMPORIUM_TEST_RABBITMQ is not set: run the suite with scripts/test.sh, which starts a RabbitMQ node for it.");
        _factory = new ConnectionFactory { Uri = new Uri(uri) };
        Settings = new()
        {
            ["ConnectionStrings:RabbitMq"] = uri,
            ["Emporium:RabbitMq:Namespace"] = Namespace,
            // Short back-off so a poison message reaches its dead-letter queue in about a second.
            ["Emporium:RabbitMq:RetryDelayMilliseconds"] = "20",
        };
    }

    public string Namespace { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public Dictionary<string, string?> Settings { get; }

    public static string QueueOf(RabbitMqTopology topology, Type consumer) => topology.QueueOf(consumer.FullName!);

    public async Task<uint> ReadyCountAsync(string queue)
    {
        await using var channel = await ChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    /// <summary>Takes every message out of <paramref name="queue"/> and returns their message ids.</summary>
    public async Task<List<string>> DrainAsync(string queue)
    {
        await using var channel = await ChannelAsync();
        var ids = new List<string>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            ids.Add(message.BasicProperties.MessageId ?? "?");
        }

        return ids;
    }

    /// <summary>Deletes what the fixture's hosts declared, so the broker does not collect quorum queues across tests.</summary>
    public async Task DeleteAsync(RabbitMqTopology topology)
    {
        await using var channel = await ChannelAsync();
        foreach (var consumer in topology.Consumers.Keys)
        {
            await channel.QueueDeleteAsync(topology.QueueOf(consumer), ifUnused: false, ifEmpty: false);
            await channel.QueueDeleteAsync(topology.DeadQueueOf(consumer), ifUnused: false, ifEmpty: false);
        }

        await channel.ExchangeDeleteAsync(topology.EventsExchange, ifUnused: false);
        await channel.ExchangeDeleteAsync(topology.DeadExchange, ifUnused: false);
    }

    private async Task<IChannel> ChannelAsync()
    {
        _connection ??= await _factory.CreateConnectionAsync();
        return await _connection.CreateChannelAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
