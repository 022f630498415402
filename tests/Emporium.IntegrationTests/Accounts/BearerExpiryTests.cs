using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>
/// Opened bearer tokens are remembered (CachedTicketFormat), yet one that has run out is refused like
/// before: the expiry is checked on every request, on the host's clock.
/// </summary>
public sealed class BearerExpiryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestDatabase _database = null!;
    private EmporiumApp _app = null!;

    public Task InitializeAsync()
    {
        _database = TestDatabase.Sqlite();
        _app = new EmporiumApp(
            new Dictionary<string, string?>(_database.Settings) { ["Emporium:DemoData"] = "false" },
            services => services.AddSingleton<TimeProvider>(_clock));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_has_expired()
    {
        var user = await TestUsers.CustomerAsync(_app);
        for (var i = 0; i < 3; i++)
        {
            (await user.Client.GetAsync("/api/accounts/me")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        }

        _clock.Advance(TimeSpan.FromMinutes(59));
        (await user.Client.GetAsync("/api/accounts/me")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, "59 minutes into a one-hour token");
        _clock.Advance(TimeSpan.FromMinutes(2));
        (await user.Client.GetAsync("/api/accounts/me")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
    }
}
