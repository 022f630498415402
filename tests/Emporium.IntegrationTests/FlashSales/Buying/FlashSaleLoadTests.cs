using System.Collections.Concurrent;
using System.Diagnostics;
using Emporium.FlashSales.Buying;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Emporium.IntegrationTests.FlashSales.Buying;

/// <summary>
/// The issue's acceptance test at a small scale: 100 units, 2,000 distinct buyers, a limit of 2 each, every
/// buyer pressing "buy" three times, all at once. Exactly the allotment is claimed and stored, every 201 is
/// a stored claim, nobody passes the limit, and every loser hears a clean 410, 409 or 429 — no 5xx.
/// Then a third of the claims are paid at once (concurrent carves from one allotment), the rest expire,
/// the sale settles, and the stock ledger balances: every unit sold once or back on the shelf.
/// </summary>
public abstract class FlashSaleLoadTests(ITestOutputHelper output)
{
    private const int Units = 100;
    private const int Buyers = 2_000;
    private const int AttemptsEach = 3;
    private const int PerUserLimit = 2;
    private const int Paid = 33;

    /// <summary>The sale's market (the test sale sells in the US).</summary>
    private static readonly object UsAddress = new { name = "Ada Buyer", line1 = "1 Main Street", city = "New York", region = "NY", postalCode = "10001", country = "US" };

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Two_thousand_buyers_pressing_buy_three_times_at_once_claim_exactly_the_allotment()
    {
        await using var database = await CreateDatabaseAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new EmporiumApp(
            new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false", ["Emporium:FlashSales:SweepSeconds"] = "86400" },
            services => services.AddSingleton<TimeProvider>(time));
        var sale = await BuyingApi.SaleAsync(app, Units, PerUserLimit);
        var buyers = MintedUsers.Mint(app, Buyers);
        var clients = Enumerable.Range(0, 8).Select(_ => app.CreateClient()).ToList();
        var random = new Random(6);
        var attempts = buyers.SelectMany(b => Enumerable.Repeat(b, AttemptsEach)).OrderBy(_ => random.Next()).ToList();
        var answers = new ConcurrentBag<(string UserId, BuyingApi.Answer Answer)>();

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            attempts.Select((buyer, i) => (buyer, i)),
            new ParallelOptions { MaxDegreeOfParallelism = 256 },
            async (attempt, _) => answers.Add((attempt.buyer.UserId, await BuyingApi.PurchaseAsync(clients[attempt.i % clients.Count], sale.SaleId, attempt.buyer.Authorization))));
        clock.Stop();

        var byOutcome = answers.GroupBy(a => (a.Answer.Status, a.Answer.Code)).ToDictionary(g => g.Key, g => g.Count());
        var committed = app.Services.GetRequiredService<ClaimWriter>().Committed;
        output.WriteLine($"{attempts.Count} attempts in {clock.ElapsedMilliseconds} ms on {(app.Database.IsPostgres ? "PostgreSQL" : "SQLite")}: "
            + string.Join(", ", byOutcome.OrderBy(o => o.Key.Status).Select(o => $"{o.Key.Status} {o.Key.Code ?? "claim"} × {o.Value}"))
            + $"; {committed.Claims} claims committed in {committed.Transactions} transactions");

        answers.Count.ShouldBe(Buyers * AttemptsEach);
        var won = answers.Where(a => a.Answer.Status == 201).ToList();
        won.Count.ShouldBe(Units, "exactly the allotment is claimed");
        byOutcome.Keys.Where(k => k.Status != 201).ShouldAllBe(k =>
            (k.Status == 410 && k.Code == "sold_out") || (k.Status == 409 && k.Code == "per_user_limit_reached") || (k.Status == 429 && k.Code == "rate_limited"));
        won.GroupBy(w => w.UserId).ShouldAllBe(g => g.Count() <= PerUserLimit);

        var stored = await BuyingApi.StoredClaimsAsync(app, sale.SaleId);
        stored.Count.ShouldBe(Units);
        committed.Claims.ShouldBe(Units);
        stored.Select(c => c.Id).Order().ShouldBe(won.Select(w => w.Answer.ClaimId).Order(), "every 201 is a stored claim, and only those");
        stored.ShouldAllBe(c => c.Status == "claimed");
        stored.GroupBy(c => c.UserId).ShouldAllBe(g => g.Count() <= PerUserLimit);
        stored.Select(c => (c.Id, c.UserId)).Order().ShouldBe(won.Select(w => (w.Answer.ClaimId, w.UserId)).Order(), "each claim is the buyer's who heard 201");
        (await BuyingApi.StandingAsync(clients[0], sale.SaleId)).ShouldBe(("soldOut", 0));

        await PayOrLetExpireAsync(app, time, sale, buyers, won.Select(w => (w.UserId, w.Answer.ClaimId!)).ToList());

        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static async Task PayOrLetExpireAsync(
        EmporiumApp app, FakeTimeProvider time, FlashSaleApi.CreatedSale sale, IReadOnlyList<MintedUsers.Minted> buyers, List<(string UserId, string ClaimId)> claims)
    {
        var byId = buyers.ToDictionary(b => b.UserId);
        var statuses = new ConcurrentBag<int>();
        await Parallel.ForEachAsync(claims.Take(Paid), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (claim, _) =>
        {
            using var client = MintedUsers.Client(app, byId[claim.UserId]);
            var card = await Checkout.CheckoutApi.TokenAsync(client, Checkout.TestCards.Approves);
            using var response = await Checkout.CheckoutApi.PostAsync(
                client, Guid.NewGuid().ToString("N"), new { shippingAddress = UsAddress, paymentToken = card, claimId = claim.ClaimId });
            statuses.Add((int)response.StatusCode);
        });
        statuses.ShouldAllBe(status => status == 201);

        time.Advance(TimeSpan.FromMinutes(11));
        (await app.Services.GetRequiredService<ClaimExpiry>().SweepAsync(CancellationToken.None)).ShouldBe(Units - Paid);
        time.Advance(sale.EndsAt - FlashSaleApi.Now(app) + TimeSpan.FromHours(1));
        (await app.Services.GetRequiredService<Emporium.FlashSales.Sales.SaleSettlement>().SweepAsync(CancellationToken.None)).Settled.ShouldBe(1);

        var stored = await BuyingApi.StoredClaimsAsync(app, sale.SaleId);
        stored.Count(c => c.Status == "paid").ShouldBe(Paid);
        stored.Count(c => c.Status == "expired").ShouldBe(Units - Paid);
        var admin = (await TestUsers.AdminAsync(app)).Client;
        (await Inventory.InventoryApi.StockAsync(admin, sale.SkuId)).Total.ShouldBe((Units + 3 - Paid, 0, Units + 3 - Paid), "sold units gone, the rest back on the shelf");
        (await Inventory.LedgerAssertions.ViolationsAsync(app.Database)).ShouldBeEmpty();
    }
}

public sealed class SqliteFlashSaleLoadTests(ITestOutputHelper output) : FlashSaleLoadTests(output)
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresFlashSaleLoadTests(ITestOutputHelper output) : FlashSaleLoadTests(output)
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
