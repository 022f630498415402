using Emporium.Contracts.Accounts;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>
/// A host of its own with tight sign-in limits, so that hitting them disturbs no other test; requests
/// choose their client address with a test header. Also records the sign-in observer calls.
/// As a fixture it runs on SQLite (the in-process limits); <see cref="SharedSignInLimitTests"/> runs several
/// on one scale-out deployment, where the limits are counted in Redis.
/// </summary>
public sealed class LimitedApp : IAsyncLifetime
{
    public const string AddressHeader = ClientAddressFromHeader.Header;
    public const int FailuresPerAccount = 3;
    public const int PerAddressPerMinute = 4;
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;
    private EmporiumApp? _app;

    public LimitedApp()
        : this(TestDatabase.Sqlite(), ownsDatabase: true)
    {
    }

    /// <summary>An instance on <paramref name="database"/>, which the caller disposes when it does not pass ownership.</summary>
    internal LimitedApp(TestDatabase database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    public RecordingObserver Observer { get; } = new();

    public Task InitializeAsync()
    {
        _app = new EmporiumApp(new Dictionary<string, string?>(_database.Settings)
        {
            ["Emporium:DemoData"] = "false",
            ["Emporium:RateLimits:Login:FailuresPerAccount"] = FailuresPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Emporium:RateLimits:Login:PerAddressPerMinute"] = PerAddressPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        App = _app.WithWebHostBuilder(host => host.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            services.AddSingleton<ISignInObserver>(Observer);
        }));
        return Task.CompletedTask;
    }

    public HttpClient ClientFrom(string address)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _app!.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>Records sign-ins, and marks the response to prove it was called before the response was written.</summary>
public sealed class RecordingObserver : ISignInObserver
{
    public System.Collections.Concurrent.ConcurrentQueue<string> UserIds { get; } = new();

    public Task UserSignedInAsync(HttpContext context, string userId, CancellationToken cancellationToken)
    {
        UserIds.Enqueue(userId);
        context.Response.Headers["X-Observed-Sign-In"] = userId;
        return Task.CompletedTask;
    }
}
