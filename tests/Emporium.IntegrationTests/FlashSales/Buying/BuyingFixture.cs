using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales.Buying;

/// <summary>
/// A host on a fresh database whose clock the tests move (sale windows, claim deadlines). Its sweeps never
/// tick on their own (the interval is a day): the tests sweep themselves. Rate limits are at their defaults.
/// </summary>
public abstract class BuyingFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    internal FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public EmporiumApp App { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        App = StartApp();
        _ = App.Services; // start it now: the tests' first request should not pay for the host's start
    }

    /// <summary>Another host on the same database and clock (what a restart looks like).</summary>
    public EmporiumApp StartApp() => new(
        new Dictionary<string, string?>(_database!.Settings) { ["Emporium:DemoData"] = "false", ["Emporium:FlashSales:SweepSeconds"] = "86400" },
        services => services.AddSingleton<TimeProvider>(Clock));

    /// <summary>Another fresh database on this fixture's engine, for a test that needs a host configured its own way.</summary>
    public Task<TestDatabase> FreshDatabaseAsync() => CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database!.DisposeAsync();
    }
}

public sealed class SqliteBuyingFixture : BuyingFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresBuyingFixture : BuyingFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
