using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Messaging;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Messaging;

public sealed record TestHappened(string Note) : IntegrationEvent;

/// <summary>Counts deliveries in a table of its own, inside the inbox transaction; can be told to fail.</summary>
public sealed class TestConsumer : IIntegrationEventHandler<TestHappened>
{
    public int Failures { get; set; }

    public async Task HandleAsync(TestHappened message, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (Failures > 0)
        {
            Failures--;
            throw new InvalidOperationException("consumer failure");
        }

        await connection.ExecuteAsync(
            "INSERT INTO test_deliveries (message_id, note) VALUES (@id, @note)", new { id = message.Id.ToString("N"), note = message.Note }, transaction);
    }
}

/// <summary>
/// The outbox on both engines: an event exists exactly when its transaction committed, each consumer
/// handles it once (redelivery is a no-op), and a failing consumer is retried, then set aside.
/// </summary>
public abstract class OutboxTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private EmporiumApp _app = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _app = new EmporiumApp(
            // The test drives the dispatcher itself; a background relay racing it would make "delivered" a timing question.
            // In-process delivery on both engines: the same guarantees over RabbitMQ are RabbitMqTransportTests'.
            new Dictionary<string, string?>(_database.Settings)
            {
                ["Emporium:DemoData"] = "false",
                ["Emporium:Messaging:RelayEnabled"] = "false",
                ["ConnectionStrings:RabbitMq"] = "",
            },
            services => services.AddIntegrationEventHandler<TestHappened, TestConsumer>());
        await using var connection = await _app.Database.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE test_deliveries (message_id TEXT NOT NULL, note TEXT NOT NULL)");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task EnqueueAsync(TestHappened message, bool commit)
    {
        await using var connection = await _app.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await _app.Services.GetRequiredService<IOutbox>().EnqueueAsync(connection, transaction, message, CancellationToken.None);
        if (commit)
        {
            await transaction.CommitAsync();
        }
    }

    private async Task<List<string>> DeliveredAsync()
    {
        var dispatcher = _app.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.DispatchPendingAsync(CancellationToken.None) > 0)
        {
        }

        await using var connection = await _app.Database.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT note FROM test_deliveries ORDER BY note")).ToList();
    }

    [Fact]
    public async Task A_committed_event_is_delivered_once_and_a_rolled_back_one_never()
    {
        await EnqueueAsync(new TestHappened("kept") { OccurredAt = DateTimeOffset.UtcNow }, commit: true);
        await EnqueueAsync(new TestHappened("rolled back") { OccurredAt = DateTimeOffset.UtcNow }, commit: false);

        (await DeliveredAsync()).ShouldBe(["kept"]);
        (await DeliveredAsync()).ShouldBe(["kept"]);
    }

    [Fact]
    public async Task Two_relays_draining_together_deliver_every_event_exactly_once()
    {
        for (var i = 0; i < 50; i++)
        {
            await EnqueueAsync(new TestHappened($"m{i:D2}") { OccurredAt = DateTimeOffset.UtcNow }, commit: true);
        }

        var dispatcher = _app.Services.GetRequiredService<OutboxDispatcher>();
        async Task DrainAsync()
        {
            while (await dispatcher.DispatchPendingAsync(CancellationToken.None) > 0)
            {
            }
        }

        await Task.WhenAll(Task.Run(DrainAsync), Task.Run(DrainAsync));

        (await DeliveredAsync()).ShouldBe(Enumerable.Range(0, 50).Select(i => $"m{i:D2}"));
    }

    [Fact]
    public async Task A_redelivered_event_is_not_handled_again()
    {
        await EnqueueAsync(new TestHappened("once") { OccurredAt = DateTimeOffset.UtcNow }, commit: true);
        (await DeliveredAsync()).ShouldBe(["once"]);

        // As if the relay crashed after the consumer committed but before marking the message processed.
        await using (var connection = await _app.Database.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE outbox_messages SET processed_at = NULL, leased_until = NULL");
        }

        (await DeliveredAsync()).ShouldBe(["once"]);
    }

    [Fact]
    public async Task A_failing_consumer_is_retried_and_nothing_it_wrote_survives_a_failure()
    {
        _app.Services.GetRequiredService<TestConsumer>().Failures = 1;
        await EnqueueAsync(new TestHappened("eventually") { OccurredAt = DateTimeOffset.UtcNow }, commit: true);

        (await DeliveredAsync()).ShouldBeEmpty();
        await using (var connection = await _app.Database.OpenAsync())
        {
            // Skip the back-off.
            await connection.ExecuteAsync("UPDATE outbox_messages SET leased_until = NULL");
            (await connection.QueryAsync<string>("SELECT last_error FROM outbox_messages")).Single().ShouldContain("consumer failure");
        }

        (await DeliveredAsync()).ShouldBe(["eventually"]);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_set_aside_as_dead()
    {
        _app.Services.GetRequiredService<TestConsumer>().Failures = int.MaxValue;
        await EnqueueAsync(new TestHappened("poison") { OccurredAt = DateTimeOffset.UtcNow }, commit: true);

        for (var attempt = 0; attempt < OutboxDispatcher.MaxAttempts + 2; attempt++)
        {
            await DeliveredAsync();
            await using var connection = await _app.Database.OpenAsync();
            await connection.ExecuteAsync("UPDATE outbox_messages SET leased_until = NULL");
        }

        await using var check = await _app.Database.OpenAsync();
        var (attempts, dead) = await check.QuerySingleAsync<(long, long?)>("SELECT attempts, dead_at FROM outbox_messages");
        attempts.ShouldBe(OutboxDispatcher.MaxAttempts);
        dead.ShouldNotBeNull();
    }
}

public sealed class SqliteOutboxTests : OutboxTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresOutboxTests : OutboxTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
