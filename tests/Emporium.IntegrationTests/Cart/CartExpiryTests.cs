using Emporium.Cart.Expiry;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Emporium.IntegrationTests.Cart;

/// <summary>
/// Guest carts expire 7 days after their last change, read as empty from then on, and the background
/// purge deletes them. Each run has its own database and host whose clock the test moves.
/// </summary>
public abstract class CartExpiryTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task A_guest_cart_lives_seven_days_from_its_last_change_then_reads_empty_and_is_purged()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var database = await CreateDatabaseAsync();
        await using var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false" });
        await using var timed = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var skus = await CartTestSkus.CreateAsync(app, 1_000, 2_000);
        var client = new CartApi(timed.CreateClient(new() { HandleCookies = false }));
        await client.PutAndKeepCartIdAsync(skus[0], 1);

        clock.Advance(6 * Day);
        await client.PutAsync(skus[1], 1); // a change on day 6 renews the cart to day 13
        clock.Advance(6 * Day);
        (await client.GetAsync()).Lines().ShouldBe([(skus[0], 1), (skus[1], 1)]);

        clock.Advance(1 * Day);
        var expired = await client.GetAsync();
        expired.Lines().ShouldBeEmpty();
        expired.CartId().ShouldBeNull();

        // Advancing past the purge interval ticked the purge's timer: the row goes soon after.
        await EventuallyAsync(async () => (await CartTestSkus.RowsAsync(app, client.CartId!)) == (0, 0));
    }

    [Fact]
    public async Task An_expired_cart_reads_empty_before_the_purge_which_then_deletes_expired_carts_only()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var database = await CreateDatabaseAsync();
        await using var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false" });
        // Two-day guest carts, and a purge timer that does not tick during the test: the test runs the purge itself.
        await using var timed = app.WithWebHostBuilder(b => b
            .UseSetting("Emporium:Cart:GuestLifetimeDays", "2")
            .UseSetting("Emporium:Cart:PurgeIntervalMinutes", "10080")
            .ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var sku = (await CartTestSkus.CreateAsync(app, 1_000))[0];
        var old = new CartApi(timed.CreateClient(new() { HandleCookies = false }));
        var recent = new CartApi(timed.CreateClient(new() { HandleCookies = false }));
        await old.PutAndKeepCartIdAsync(sku, 1);
        clock.Advance(1.5 * Day);
        await recent.PutAndKeepCartIdAsync(sku, 2);
        clock.Advance(1 * Day);

        (await old.GetAsync()).Lines().ShouldBeEmpty();
        (await CartTestSkus.RowsAsync(app, old.CartId!)).ShouldBe((1, 1));

        var purge = timed.Services.GetServices<IHostedService>().OfType<ExpiredCartPurge>().Single();
        (await purge.PurgeOnceAsync(CancellationToken.None)).ShouldBe(1);

        (await CartTestSkus.RowsAsync(app, old.CartId!)).ShouldBe((0, 0));
        (await CartTestSkus.RowsAsync(app, recent.CartId!)).ShouldBe((1, 1));
        (await recent.GetAsync()).Lines().ShouldBe([(sku, 2)]);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the condition did not come true in time");
            await Task.Delay(50);
        }
    }
}

public sealed class SqliteCartExpiryTests : CartExpiryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresCartExpiryTests : CartExpiryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
