using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>Sign-in rate limits per account and per client address, in a host of their own (see <see cref="LimitedApp"/>).</summary>
public sealed class SignInLimitTests(LimitedApp limited) : IClassFixture<LimitedApp>
{
    private static int s_nextAddress;

    /// <summary>A client address no other test in this class uses.</summary>
    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref s_nextAddress);
        return $"10.0.{n / 250}.{(n % 250) + 1}";
    }

    [Fact]
    public async Task Failures_on_one_account_lock_it_from_every_address_with_a_429_and_Retry_After()
    {
        using var register = limited.ClientFrom(NewAddress());
        var user = await register.RegisterAsync();
        var bystander = await register.RegisterAsync();

        for (var i = 0; i < LimitedApp.FailuresPerAccount; i++)
        {
            using var fresh = limited.ClientFrom(NewAddress());
            await (await fresh.LoginAsync(user.Email, "Wrong-password-1")).ShouldBeProblemAsync(401, "invalid_credentials");
        }

        using var client = limited.ClientFrom(NewAddress());
        using var locked = await client.LoginAsync(user.Email.ToUpperInvariant()); // the right password, but locked
        await locked.ShouldBeProblemAsync(429, "rate_limited");
        var retryAfter = locked.Headers.RetryAfter!.Delta!.Value;
        retryAfter.ShouldBeGreaterThan(TimeSpan.Zero);
        retryAfter.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(900));
        await (await client.LoginAsync(bystander.Email)).ShouldHaveStatusAsync(200);
    }

    [Fact]
    public async Task An_unknown_email_locks_exactly_like_a_known_one()
    {
        var email = AccountsApi.UniqueEmail();
        var statuses = new List<int>();
        for (var i = 0; i <= LimitedApp.FailuresPerAccount; i++)
        {
            using var fresh = limited.ClientFrom(NewAddress());
            statuses.Add((int)(await fresh.LoginAsync(email, "Wrong-password-1")).StatusCode);
        }

        statuses.ShouldBe([.. Enumerable.Repeat(401, LimitedApp.FailuresPerAccount), 429]);
    }

    [Fact]
    public async Task Attempts_from_one_address_are_limited_per_minute_and_other_addresses_are_not()
    {
        using var busy = limited.ClientFrom(NewAddress());
        for (var i = 0; i < LimitedApp.PerAddressPerMinute; i++)
        {
            await (await busy.LoginAsync(AccountsApi.UniqueEmail())).ShouldBeProblemAsync(401, "invalid_credentials");
        }

        using var limitedResponse = await busy.LoginAsync(AccountsApi.UniqueEmail());
        using var quiet = limited.ClientFrom(NewAddress());
        using var otherAddress = await quiet.LoginAsync(AccountsApi.UniqueEmail());

        await limitedResponse.ShouldBeProblemAsync(429, "rate_limited");
        limitedResponse.Headers.RetryAfter!.Delta!.Value.ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        await otherAddress.ShouldBeProblemAsync(401, "invalid_credentials");
    }

    [Fact]
    public async Task Sign_in_observers_hear_of_every_registration_and_login_before_the_response()
    {
        using var client = limited.ClientFrom(NewAddress());
        var email = AccountsApi.UniqueEmail();

        using var register = await client.PostRegisterAsync(email);
        using var login = await client.LoginAsync(email);
        using var failed = await client.LoginAsync(email, "Wrong-password-1");

        var userId = (await register.ShouldHaveStatusAsync(201)).GetProperty("userId").GetString()!;
        register.Headers.GetValues("X-Observed-Sign-In").ShouldBe([userId]);
        login.Headers.GetValues("X-Observed-Sign-In").ShouldBe([userId]);
        failed.Headers.Contains("X-Observed-Sign-In").ShouldBeFalse();
        limited.Observer.UserIds.Count(id => id == userId).ShouldBe(2);
    }
}

/// <summary><c>Emporium:RateLimits:Enabled=false</c> turns every sign-in limit off.</summary>
public sealed class SignInLimitsOffTests
{
    [Fact]
    public async Task With_rate_limits_off_repeated_failures_never_get_a_429()
    {
        await using var database = TestDatabase.Sqlite();
        await using var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings)
        {
            ["Emporium:DemoData"] = "false",
            ["Emporium:RateLimits:Enabled"] = "false",
            ["Emporium:RateLimits:Login:FailuresPerAccount"] = "1",
            ["Emporium:RateLimits:Login:PerAddressPerMinute"] = "1",
        });
        using var api = AccountsApi.ApiClient(app);
        var user = await api.RegisterAsync();

        for (var i = 0; i < 3; i++)
        {
            await (await api.LoginAsync(user.Email, "Wrong-password-1")).ShouldBeProblemAsync(401, "invalid_credentials");
        }

        await (await api.LoginAsync(user.Email)).ShouldHaveStatusAsync(200);
    }
}
