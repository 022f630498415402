using Dapper;
using Emporium.Adapters.RabbitMq;
using Emporium.BuildingBlocks.Messaging;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Messaging;

/// <summary>
/// Integration events over a real RabbitMQ node and a real PostgreSQL database (the scale-out
/// deployment): an event goes out exactly when its transaction committed, each consumer handles it
/// once whatever the broker redelivers, a poison message ends in its consumer's dead-letter queue
/// without holding up the others, and a durable queue keeps what arrives while nobody consumes.
/// </summary>
public sealed class RabbitMqTransportTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly RabbitMqTestBroker _broker = new();
    private readonly List<EmporiumApp> _apps = [];
    private TestDatabase _database = null!;
    private RabbitMqTopology? _topology;

    public async Task InitializeAsync() => _database = await TestDatabase.PostgresAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        if (_topology is not null)
        {
            await _broker.DeleteAsync(_topology);
        }

        await _broker.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A host on the shared database and broker, with both test consumers subscribed.</summary>
    private async Task<EmporiumApp> StartHostAsync(bool relay = true, bool consumers = true)
    {
        var settings = new Dictionary<string, string?>(_database.Settings) { ["Emporium:DemoData"] = "false" };
        foreach (var (key, value) in _broker.Settings)
        {
            settings[key] = value;
        }

        settings["Emporium:Messaging:RelayEnabled"] = relay ? "true" : "false";
        settings["Emporium:RabbitMq:ConsumersEnabled"] = consumers ? "true" : "false";
        var app = new EmporiumApp(settings, services => services
            .AddIntegrationEventHandler<RabbitHappened, FirstRabbitConsumer>()
            .AddIntegrationEventHandler<RabbitHappened, SecondRabbitConsumer>());
        _apps.Add(app);
        _topology ??= app.Services.GetRequiredService<RabbitMqTopology>();

        // Ready includes the broker check, which connects and declares the topology: queues exist from here on.
        using var client = app.CreateClient();
        (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).EnsureSuccessStatusCode();
        await using var connection = await app.Database.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS rabbit_deliveries (consumer text NOT NULL, message_id text NOT NULL, note text NOT NULL)");
        return app;
    }

    private static async Task<RabbitHappened> EnqueueAsync(EmporiumApp app, string note, bool commit = true)
    {
        var message = new RabbitHappened(note) { OccurredAt = DateTimeOffset.UtcNow };
        await using var connection = await app.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await app.Services.GetRequiredService<IOutbox>().EnqueueAsync(connection, transaction, message, CancellationToken.None);
        if (commit)
        {
            await transaction.CommitAsync();
        }

        return message;
    }

    private static async Task DispatchAsync(EmporiumApp app)
    {
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchPendingAsync(CancellationToken.None) > 0)
        {
        }
    }

    /// <summary>Every handling of every consumer, as "consumer:note", sorted.</summary>
    private async Task<List<string>> DeliveriesAsync()
    {
        await using var connection = await _apps[^1].Database.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT consumer || ':' || note FROM rabbit_deliveries ORDER BY 1")).ToList();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _apps[^1].Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still waiting after {Patience.TotalSeconds} s for {what}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the expected deliveries, then a little longer, so a late duplicate would show up too.</summary>
    private async Task<List<string>> SettledDeliveriesAsync(int expected)
    {
        await WaitForAsync(async () => (await DeliveriesAsync()).Count >= expected, $"{expected} deliveries");
        await Task.Delay(TimeSpan.FromSeconds(2));
        return await DeliveriesAsync();
    }

    private static string[] Both(params string[] notes) =>
        [.. notes.SelectMany(n => new[] { $"{nameof(FirstRabbitConsumer)}:{n}", $"{nameof(SecondRabbitConsumer)}:{n}" }).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_committed_event_reaches_each_consumer_once_and_a_rolled_back_one_never_goes_out()
    {
        var app = await StartHostAsync();
        await EnqueueAsync(app, "kept");
        await EnqueueAsync(app, "rolled back", commit: false);

        (await SettledDeliveriesAsync(2)).ShouldBe(Both("kept"));
        (await ScalarAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL")).ShouldBe(0);
        var topology = app.Services.GetRequiredService<RabbitMqTopology>();
        (await _broker.ReadyCountAsync(RabbitMqTestBroker.QueueOf(topology, typeof(FirstRabbitConsumer)))).ShouldBe(0u);
        (await _broker.ReadyCountAsync(RabbitMqTestBroker.QueueOf(topology, typeof(SecondRabbitConsumer)))).ShouldBe(0u);
    }

    [Fact]
    public async Task A_message_published_twice_is_handled_once_per_consumer()
    {
        // The test drives the relay, so it can publish the same outbox message twice.
        var app = await StartHostAsync(relay: false);
        await EnqueueAsync(app, "twice");
        await DispatchAsync(app);

        // As if the relay crashed after the broker confirmed, before it marked the message processed.
        (await ScalarAsync("UPDATE outbox_messages SET processed_at = NULL, leased_until = NULL RETURNING 1")).ShouldBe(1);
        await DispatchAsync(app);

        // A marker behind the duplicate in the same queues: once it is handled, so was the duplicate.
        await EnqueueAsync(app, "marker");
        await DispatchAsync(app);

        (await SettledDeliveriesAsync(4)).ShouldBe(Both("marker", "twice"));
        app.Services.GetRequiredService<FirstRabbitConsumer>().Calls.ShouldBe(2);
    }

    [Fact]
    public async Task A_poison_message_ends_in_its_consumers_dead_letter_queue_and_the_other_consumer_still_handles_it()
    {
        var app = await StartHostAsync();
        var first = app.Services.GetRequiredService<FirstRabbitConsumer>();
        first.FailAlways = true;
        var poison = await EnqueueAsync(app, "poison");

        var topology = app.Services.GetRequiredService<RabbitMqTopology>();
        var dead = topology.DeadQueueOf(typeof(FirstRabbitConsumer).FullName!);
        await WaitForAsync(async () => await _broker.ReadyCountAsync(dead) == 1, "the poison message in the dead-letter queue");

        (await SettledDeliveriesAsync(1)).ShouldBe([$"{nameof(SecondRabbitConsumer)}:poison"]);
        first.Calls.ShouldBeGreaterThanOrEqualTo(5);
        (await _broker.ReadyCountAsync(RabbitMqTestBroker.QueueOf(topology, typeof(FirstRabbitConsumer)))).ShouldBe(0u);
        (await _broker.ReadyCountAsync(topology.DeadQueueOf(typeof(SecondRabbitConsumer).FullName!))).ShouldBe(0u);
        (await _broker.DrainAsync(dead)).ShouldBe([poison.Id.ToString("N")]);

        // The publish itself succeeded: the outbox is done with it, the broker holds the failure.
        (await ScalarAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NOT NULL")).ShouldBe(1);
    }

    [Fact]
    public async Task A_message_published_while_nobody_consumes_is_delivered_when_a_consumer_starts()
    {
        var publisher = await StartHostAsync(consumers: false);
        await EnqueueAsync(publisher, "waiting");
        await WaitForAsync(async () => await ScalarAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NOT NULL") == 1, "the publish");
        var topology = publisher.Services.GetRequiredService<RabbitMqTopology>();
        (await _broker.ReadyCountAsync(RabbitMqTestBroker.QueueOf(topology, typeof(FirstRabbitConsumer)))).ShouldBe(1u);
        await publisher.DisposeAsync();
        _apps.Remove(publisher);

        await StartHostAsync(relay: false);
        (await SettledDeliveriesAsync(2)).ShouldBe(Both("waiting"));
    }

    [Fact]
    public async Task Two_hosts_on_one_database_and_broker_handle_each_event_exactly_once_per_consumer()
    {
        const int Events = 60;
        var hosts = new[] { await StartHostAsync(), await StartHostAsync() };
        foreach (var host in hosts)
        {
            // Transient faults: every fourth message fails its first delivery, so the broker redelivers,
            // possibly to the other host.
            host.Services.GetRequiredService<FirstRabbitConsumer>().FailFirstDeliveryWhen = note => int.Parse(note[1..]) % 4 == 0;
            host.Services.GetRequiredService<SecondRabbitConsumer>().FailFirstDeliveryWhen = note => int.Parse(note[1..]) % 4 == 1;
        }

        var notes = Enumerable.Range(0, Events).Select(i => $"e{i:D3}").ToArray();
        await Task.WhenAll(notes.Select((note, i) => EnqueueAsync(hosts[i % 2], note)));

        (await SettledDeliveriesAsync(2 * Events)).ShouldBe(Both(notes));
        (await ScalarAsync("SELECT count(*) FROM inbox_messages WHERE consumer LIKE '%RabbitConsumer'")).ShouldBe(2 * Events);
        var calls = hosts.Sum(h => h.Services.GetRequiredService<FirstRabbitConsumer>().Calls);
        calls.ShouldBe(Events + (Events / 4));
    }
}
