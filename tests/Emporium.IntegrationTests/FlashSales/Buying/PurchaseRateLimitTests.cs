using Emporium.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales.Buying;

/// <summary>
/// The purchase route's limits per buyer and per client address (429 <c>rate_limited</c> with Retry-After),
/// on a host of its own with tight limits; requests choose their client address with a test header.
/// </summary>
/// <remarks>
/// The limits are fixed one-second windows on the real clock, so a burst may straddle two windows: each
/// test sends more than twice a limit at once and asserts what holds either way.
/// </remarks>
public abstract class PurchaseRateLimitTests
{
    private const string AddressHeader = ClientAddressFromHeader.Header;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static async Task<BuyingApi.Answer> PurchaseFromAsync(HttpClient client, string saleId, MintedUsers.Minted buyer, string address)
    {
        using var request = buyer.Request(HttpMethod.Post, $"/api/flash-sales/{saleId}/purchase");
        request.Headers.Add(AddressHeader, address);
        using var response = await client.SendAsync(request);
        return new BuyingApi.Answer(
            (int)response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            null,
            response.Headers.TryGetValues("Retry-After", out var retry) ? retry.Single() : null);
    }

    private static void ShouldBeRateLimited(BuyingApi.Answer answer)
    {
        (answer.Status, answer.Code).ShouldBe((429, "rate_limited"), answer.Body);
        answer.RetryAfter.ShouldBe("1", "whole seconds until the one-second window resets");
    }

    [Fact]
    public async Task A_buyer_over_their_limit_and_an_address_over_its_limit_hear_429_with_retry_after()
    {
        await using var database = await CreateDatabaseAsync();
        await using var app = new EmporiumApp(
            new Dictionary<string, string?>(database.Settings)
            {
                ["Emporium:DemoData"] = "false",
                ["Emporium:RateLimits:FlashSalePurchasesPerUserPerSecond"] = "2",
                ["Emporium:RateLimits:FlashSalePurchasesPerAddressPerSecond"] = "3",
            },
            services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        var sale = await BuyingApi.SaleAsync(app, quantity: 100, perUserLimit: 20);
        var buyers = MintedUsers.Mint(app, 13);
        using var client = app.CreateClient();

        // One buyer, ten attempts at once from addresses of their own: at most two per window pass.
        var own = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => PurchaseFromAsync(client, sale.SaleId, buyers[0], $"10.0.1.{i}")));
        own.Count(a => a.Status == 201).ShouldBeInRange(2, 4);
        own.Where(a => a.Status != 201).ShouldAllBe(a => a.Status == 429);
        ShouldBeRateLimited(own.First(a => a.Status == 429));

        // Ten buyers, one attempt each, from one address: at most three per window pass.
        var shared = await Task.WhenAll(buyers.Skip(1).Take(10).Select(b => PurchaseFromAsync(client, sale.SaleId, b, "10.0.2.1")));
        shared.Count(a => a.Status == 201).ShouldBeInRange(3, 6);
        shared.Where(a => a.Status != 201).ShouldAllBe(a => a.Status == 429);
        ShouldBeRateLimited(shared.First(a => a.Status == 429));

        // Other buyers from another address are not held back by either.
        (await PurchaseFromAsync(client, sale.SaleId, buyers[11], "10.0.3.1")).Status.ShouldBe(201);
        (await PurchaseFromAsync(client, sale.SaleId, buyers[12], "10.0.3.1")).Status.ShouldBe(201);
        (await BuyingApi.StoredClaimsAsync(app, sale.SaleId)).Count.ShouldBe(own.Count(a => a.Status == 201) + shared.Count(a => a.Status == 201) + 2);
    }

    [Fact]
    public async Task With_rate_limits_disabled_nothing_is_limited()
    {
        await using var database = await CreateDatabaseAsync();
        await using var app = new EmporiumApp(
            new Dictionary<string, string?>(database.Settings)
            {
                ["Emporium:DemoData"] = "false",
                ["Emporium:RateLimits:Enabled"] = "false",
                ["Emporium:RateLimits:FlashSalePurchasesPerUserPerSecond"] = "1",
                ["Emporium:RateLimits:FlashSalePurchasesPerAddressPerSecond"] = "1",
            },
            services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>());
        var sale = await BuyingApi.SaleAsync(app, quantity: 100, perUserLimit: 20);
        var buyer = MintedUsers.Mint(app, 1)[0];
        using var client = app.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PurchaseFromAsync(client, sale.SaleId, buyer, "10.0.4.1")));

        answers.Select(a => a.Status).ShouldAllBe(s => s == 201);
    }
}

public sealed class SqlitePurchaseRateLimitTests : PurchaseRateLimitTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresPurchaseRateLimitTests : PurchaseRateLimitTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
