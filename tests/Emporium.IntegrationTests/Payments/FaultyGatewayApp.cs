using Emporium.IntegrationTests.Infrastructure;
using Emporium.Payments.Gateway;
using Emporium.Payments.Gateway.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Payments;

/// <summary>
/// A host of its own whose sandbox gateway the tests make misbehave (timeouts, lost replies, latency)
/// and whose clock they move, so neither disturbs other tests. Each test starts with no faults.
/// </summary>
public abstract class FaultyGatewayApp : IAsyncLifetime
{
    private TestDatabase? _database;

    public EmporiumApp App { get; private set; } = null!;

    internal FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    internal PaymentsKit Kit { get; private set; } = null!;

    /// <summary>The gateway as payments calls it, counting the calls.</summary>
    internal CountingGateway Gateway => App.Services.GetRequiredService<CountingGateway>();

    internal SandboxSettings Sandbox => App.Services.GetRequiredService<SandboxSettings>();

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        App = new EmporiumApp(
            new Dictionary<string, string?>(_database.Settings) { ["Emporium:DemoData"] = "false", [SandboxSettings.Section + ":Seed"] = "42" },
            services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton(provider => new CountingGateway(provider.GetRequiredService<SandboxGateway>()));
                services.AddSingleton<IPaymentGateway>(provider => provider.GetRequiredService<CountingGateway>());
            });
        Kit = new PaymentsKit(App);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    internal void NoFaults()
    {
        Sandbox.TimeoutRate = 0;
        Sandbox.LostReplyRate = 0;
        Sandbox.LatencyMs = 0;
    }
}

public sealed class SqliteFaultyGatewayApp : FaultyGatewayApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresFaultyGatewayApp : FaultyGatewayApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
