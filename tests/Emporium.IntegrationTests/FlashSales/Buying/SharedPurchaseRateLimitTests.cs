using System.Diagnostics;
using System.Net;
using Emporium.Adapters.Redis.Connection;
using Emporium.Adapters.Redis.RateLimiting;
using Emporium.FlashSales.Buying;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emporium.IntegrationTests.FlashSales.Buying;

/// <summary>
/// The purchase limits of the scale-out deployment are one count across instances: attempts spread over
/// two hosts on one database and Redis prefix pass no more often than the limit allows one host.
/// </summary>
/// <remarks>
/// Attempts name a sale that does not exist: the limits are checked before the sale is looked up, so an
/// attempt within them answers 404 and one over them 429, with nothing else on the path. A Redis window
/// opens at its key's first attempt and lasts a second, so a burst that ends within a second of its first
/// attempt meets exactly one window; a slower burst may meet more, and the bound grows with them.
/// </remarks>
public sealed class SharedPurchaseRateLimitTests
{
    private const string AddressHeader = ClientAddressFromHeader.Header;
    private const string NoSuchSale = "987654321";
    private const int Limit = 3;

    private static EmporiumApp Host(TestDatabase database) => new(
        new Dictionary<string, string?>(database.Settings)
        {
            ["Emporium:DemoData"] = "false",
            ["Emporium:RateLimits:FlashSalePurchasesPerUserPerSecond"] = $"{Limit}",
            ["Emporium:RateLimits:FlashSalePurchasesPerAddressPerSecond"] = $"{Limit}",
        },
        services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());

    private static async Task<int> AttemptAsync(HttpClient client, MintedUsers.Minted buyer, string address)
    {
        using var request = buyer.Request(HttpMethod.Post, $"/api/flash-sales/{NoSuchSale}/purchase");
        request.Headers.Add(AddressHeader, address);
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>Sends the attempts at once, alternating hosts; the statuses and how many one-second windows the burst could have met.</summary>
    private static async Task<(int[] Statuses, int Windows)> BurstAsync(HttpClient[] hosts, IEnumerable<(MintedUsers.Minted Buyer, string Address)> attempts)
    {
        var clock = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(attempts.Select((a, i) => AttemptAsync(hosts[i % hosts.Length], a.Buyer, a.Address)));
        return (statuses, 1 + (int)clock.Elapsed.TotalSeconds);
    }

    [Fact]
    public async Task A_buyers_attempts_and_an_addresss_attempts_spread_over_two_instances_share_one_limit()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var first = Host(database);
        await using var second = Host(database);
        HttpClient[] hosts = [first.CreateClient(), second.CreateClient()];
        var buyers = MintedUsers.Mint(first, 22);

        // Warm both hosts up (start-up, first request) so the bursts below are short.
        (await AttemptAsync(hosts[0], buyers[20], "10.7.0.1")).ShouldBe(404);
        (await AttemptAsync(hosts[1], buyers[21], "10.7.0.2")).ShouldBe(404);

        // One buyer, twenty attempts from addresses of their own: per instance it would be 3 + 3 a window.
        var (own, ownWindows) = await BurstAsync(hosts, Enumerable.Range(1, 20).Select(i => (buyers[0], $"10.7.1.{i}")));
        own.ShouldAllBe(s => s == 404 || s == 429);
        own.Count(s => s == 404).ShouldBeInRange(Limit, Limit * ownWindows, $"{ownWindows} window(s)");

        // Nineteen other buyers, one attempt each, from one address.
        var (shared, sharedWindows) = await BurstAsync(hosts, buyers.Skip(1).Take(19).Select(b => (b, "10.7.2.1")));
        shared.ShouldAllBe(s => s == 404 || s == 429);
        shared.Count(s => s == 404).ShouldBeInRange(Limit, Limit * sharedWindows, $"{sharedWindows} window(s)");

        foreach (var host in hosts)
        {
            host.Dispose();
        }
    }

    [Fact]
    public async Task While_Redis_is_unreachable_each_instance_still_limits_on_its_own()
    {
        // Port 1 on loopback: nothing listens, connecting is refused at once.
        using var unreachable = new RedisStore(new RedisSettings("127.0.0.1:1,connectTimeout=200", "unreachable:"));
        var settings = new PurchaseRateLimitSettings(Enabled: true, PerUserPerSecond: 2, PerAddressPerSecond: 100);
        using var fallback = new InProcessPurchaseRateLimits(settings);
        var limits = new RedisPurchaseRateLimits(new FixedWindowCounter(unreachable), settings, fallback, NullLogger<RedisPurchaseRateLimits>.Instance);

        var verdicts = new List<bool>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            verdicts.Add((await limits.TryAcquireAsync("ann", IPAddress.Loopback, CancellationToken.None)).IsAllowed);
        }

        verdicts.ShouldBe([true, true, false, false]);
    }
}
