using System.Globalization;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>
/// The sign-in limits of a scale-out deployment are one count across its instances: a guesser who spreads
/// attempts over two instances meets the same per-account and per-address limits as on one.
/// </summary>
public sealed class SharedSignInLimitTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private LimitedApp _first = null!;
    private LimitedApp _second = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.PostgresAsync();
        _first = new LimitedApp(_database, ownsDatabase: false);
        _second = new LimitedApp(_database, ownsDatabase: false);
        await _first.InitializeAsync();
        await _second.InitializeAsync();
    }

    [Fact]
    public async Task Failures_spread_over_two_instances_lock_the_account_on_both()
    {
        using var register = _first.ClientFrom(NewAddress());
        var user = await register.RegisterAsync();

        for (var i = 0; i < LimitedApp.FailuresPerAccount; i++)
        {
            using var guesser = (i % 2 == 0 ? _first : _second).ClientFrom(NewAddress());
            await (await guesser.LoginAsync(user.Email, "Wrong-password-1")).ShouldBeProblemAsync(401, "invalid_credentials");
        }

        foreach (var instance in new[] { _first, _second })
        {
            using var client = instance.ClientFrom(NewAddress());
            await (await client.LoginAsync(user.Email)).ShouldBeProblemAsync(429, "rate_limited");
        }
    }

    [Fact]
    public async Task Attempts_from_one_address_spread_over_two_instances_meet_one_limit()
    {
        var address = NewAddress();
        for (var i = 0; i < LimitedApp.PerAddressPerMinute; i++)
        {
            using var client = (i % 2 == 0 ? _first : _second).ClientFrom(address);
            await (await client.LoginAsync(AccountsApi.UniqueEmail())).ShouldBeProblemAsync(401, "invalid_credentials");
        }

        using var onSecond = _second.ClientFrom(address);
        await (await onSecond.LoginAsync(AccountsApi.UniqueEmail())).ShouldBeProblemAsync(429, "rate_limited");
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static string NewAddress() => string.Create(CultureInfo.InvariantCulture, $"10.9.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");
}
