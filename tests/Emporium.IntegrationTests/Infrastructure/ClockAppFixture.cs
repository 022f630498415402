using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Infrastructure;

/// <summary>
/// A host on a fresh database (of the engine <paramref name="postgres"/> names) whose clock the tests move,
/// with <paramref name="settings"/> on top of no demo data. One per test class (a class fixture).
/// </summary>
public abstract class ClockAppFixture(bool postgres, IReadOnlyDictionary<string, string?> settings) : IAsyncLifetime
{
    private TestDatabase? _database;

    internal FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public EmporiumApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await FreshDatabaseAsync();
        App = StartApp();
        _ = App.Services; // start it now: the tests' first request should not pay for the host's start
    }

    /// <summary>Another host on the same database and clock (what a restart looks like).</summary>
    public EmporiumApp StartApp()
    {
        var configuration = new Dictionary<string, string?>(_database!.Settings) { ["Emporium:DemoData"] = "false" };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        return new EmporiumApp(configuration, services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>Another fresh database on this fixture's engine, for a test that needs a host configured its own way.</summary>
    public Task<TestDatabase> FreshDatabaseAsync() => postgres ? TestDatabase.PostgresAsync() : Task.FromResult(TestDatabase.Sqlite());

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database!.DisposeAsync();
    }
}
