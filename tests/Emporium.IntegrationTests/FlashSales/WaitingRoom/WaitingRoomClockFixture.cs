using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales.WaitingRoom;

/// <summary>
/// A host whose clock the tests move (admission is computed from it), on a fresh database, with the
/// purchase rate limits off so that only the waiting room decides who may buy.
/// </summary>
public abstract class WaitingRoomClockFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    internal FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public EmporiumApp App { get; private set; } = null!;

    /// <summary>Whether the queue lives outside the app (Redis, in the scale-out deployment) and so outlives a restart.</summary>
    public abstract bool QueueOutlivesTheProcess { get; }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>Another host on the same database, data directory (Data Protection keys) and clock: the app after a restart.</summary>
    public EmporiumApp Restarted() => new(Settings(), services => services.AddSingleton<TimeProvider>(Clock));

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        App = new EmporiumApp(Settings(), services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database!.DisposeAsync();
    }

    private Dictionary<string, string?> Settings() =>
        new(_database!.Settings) { ["Emporium:DemoData"] = "false", ["Emporium:RateLimits:Enabled"] = "false" };
}

public sealed class SqliteWaitingRoomClockFixture : WaitingRoomClockFixture
{
    public override bool QueueOutlivesTheProcess => false;

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresWaitingRoomClockFixture : WaitingRoomClockFixture
{
    public override bool QueueOutlivesTheProcess => true;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
