using System.Collections.Concurrent;
using System.Globalization;
using Emporium.Adapters.Redis.FlashSales;
using Emporium.IntegrationTests.FlashSales.Buying;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales.ScaleOut;

/// <summary>
/// The shared stock gate on Redis, attacked where it can break: two instances selling one sale while
/// Redis loses every key, rebuilds forced while claims are in flight, and a unit taken by an instance that
/// died before storing its claim. Each time the sale sells exactly its quantity, every 201 is a stored
/// claim, and nobody passes the limit.
/// </summary>
public sealed class SharedGateTests
{
    [Fact]
    public async Task Two_instances_sell_one_sale_and_a_Redis_flush_mid_sale_oversells_nothing()
    {
        const int units = 200, limit = 2;
        await using var database = await TestDatabase.PostgresAsync();
        await using var first = new EmporiumApp(SharedGate.Settings(database));
        var sale = await BuyingApi.SaleAsync(first, units, limit);
        var buyers = MintedUsers.Mint(first, 300);
        await using var second = new EmporiumApp(SharedGate.Settings(database));
        List<HttpClient> clients = [.. Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).CreateClient())];
        var won = new ConcurrentBag<(string UserId, string ClaimId)>();

        var buying = Parallel.ForEachAsync(
            buyers.Select((buyer, i) => (buyer, i)),
            new ParallelOptions { MaxDegreeOfParallelism = 48 },
            async (b, _) => await SharedGate.BuyUntilRefusedAsync(clients[b.i % clients.Count], b.buyer, sale.SaleId, won));
        while (won.Count < units / 3 && !buying.IsCompleted)
        {
            await Task.Delay(5);
        }

        await SharedGate.FlushAsync(database);
        await buying;

        await AssertSoldExactlyAsync(first, sale.SaleId, units, limit, won);
    }

    [Fact]
    public async Task Rebuilds_forced_while_claims_are_in_flight_never_sell_a_unit_twice()
    {
        const int units = 150, limit = 1;
        await using var database = await TestDatabase.PostgresAsync();
        await using var app = new EmporiumApp(SharedGate.Settings(database));
        var sale = await BuyingApi.SaleAsync(app, units, limit);
        var terms = (await app.Services.GetRequiredService<Emporium.FlashSales.Buying.IStockGate>().FindAsync(Id(sale.SaleId), CancellationToken.None))!.Sale;
        var buyers = MintedUsers.Mint(app, 600);
        List<HttpClient> clients = [.. Enumerable.Range(0, 8).Select(_ => app.CreateClient())];
        var won = new ConcurrentBag<(string UserId, string ClaimId)>();

        using var stop = new CancellationTokenSource();
        var rebuilds = 0;
        var rebuilding = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Each one counts storage and starts a new generation: claims of the old one still in flight must not be stored.
                await app.Services.GetRequiredService<RedisStockGate>().RebuildAsync(terms, force: true, CancellationToken.None);
                rebuilds++;
                await Task.Delay(1);
            }
        });
        await Parallel.ForEachAsync(
            buyers.Select((buyer, i) => (buyer, i)),
            new ParallelOptions { MaxDegreeOfParallelism = 48 },
            async (b, _) => await SharedGate.BuyUntilRefusedAsync(clients[b.i % clients.Count], b.buyer, sale.SaleId, won));
        await stop.CancelAsync();
        await rebuilding;

        // A refused claim's unit is back on sale in the next generation, but a buyer may have heard "sold out"
        // from the old one meanwhile and given up (as with an expired claim): the ones still without a unit try again.
        won.Count.ShouldBeLessThanOrEqualTo(units);
        await Task.Delay(RedisSaleGate.HintLifetime);
        var winners = won.Select(w => w.UserId).ToHashSet();
        foreach (var buyer in buyers.Where(b => !winners.Contains(b.UserId)).Take(units - won.Count + 5))
        {
            await SharedGate.BuyUntilRefusedAsync(clients[0], buyer, sale.SaleId, won);
        }

        // A loaded CI machine runs the whole race in a few rebuilds; each one still fences the claims in flight.
        rebuilds.ShouldBeGreaterThanOrEqualTo(3, "the race ran through several generations");
        await AssertSoldExactlyAsync(app, sale.SaleId, units, limit, won);
    }

    [Fact]
    public async Task A_unit_taken_by_an_instance_that_died_comes_back_through_reconciliation()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var app = new EmporiumApp(SharedGate.Settings(database));
        var sale = await BuyingApi.SaleAsync(app, quantity: 5, perUserLimit: 1);
        using var client = app.CreateClient();
        (await BuyingApi.StandingAsync(client, sale.SaleId)).ShouldBe(("active", 5), "reading the sale builds its gate in Redis");
        await SharedGate.TakeAndDieAsync(database, sale.SaleId, "ghost", FlashSaleApi.Now(app));

        var won = new ConcurrentBag<(string UserId, string ClaimId)>();
        foreach (var buyer in MintedUsers.Mint(app, 8))
        {
            await SharedGate.BuyUntilRefusedAsync(client, buyer, sale.SaleId, won);
        }

        won.Count.ShouldBe(4, "the ghost's unit is out of the gate");
        var reconciliation = app.Services.GetRequiredService<GateReconciliation>();
        await reconciliation.PassAsync(CancellationToken.None);
        await reconciliation.PassAsync(CancellationToken.None);

        // Whether this pass or the background one rebuilt it, the unit is on sale again.
        foreach (var buyer in MintedUsers.Mint(app, 3))
        {
            await SharedGate.BuyUntilRefusedAsync(client, buyer, sale.SaleId, won);
        }

        await AssertSoldExactlyAsync(app, sale.SaleId, 5, 1, won);
    }

    [Fact]
    public async Task A_gate_restored_from_a_stale_copy_is_rebuilt_before_it_oversells()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var app = new EmporiumApp(SharedGate.Settings(database));
        var sale = await BuyingApi.SaleAsync(app, quantity: 5, perUserLimit: 1);
        using var client = app.CreateClient();
        var won = new ConcurrentBag<(string UserId, string ClaimId)>();
        foreach (var buyer in MintedUsers.Mint(app, 3))
        {
            await SharedGate.BuyUntilRefusedAsync(client, buyer, sale.SaleId, won);
        }

        // Redis comes back from a snapshot taken before those three sales: same generation, all five units.
        await SharedGate.RestoreStaleAsync(database, sale.SaleId, remaining: 5);
        var reconciliation = app.Services.GetRequiredService<GateReconciliation>();
        await reconciliation.PassAsync(CancellationToken.None);
        await reconciliation.PassAsync(CancellationToken.None);
        await Task.Delay(RedisSaleGate.HintLifetime);

        foreach (var buyer in MintedUsers.Mint(app, 6))
        {
            await SharedGate.BuyUntilRefusedAsync(client, buyer, sale.SaleId, won);
        }

        await AssertSoldExactlyAsync(app, sale.SaleId, 5, 1, won);
    }

    private static async Task AssertSoldExactlyAsync(EmporiumApp app, string saleId, int units, int limit, ConcurrentBag<(string UserId, string ClaimId)> won)
    {
        won.Count.ShouldBe(units, "exactly the sale's quantity is claimed");
        won.GroupBy(w => w.UserId).ShouldAllBe(g => g.Count() <= limit);
        var stored = await BuyingApi.StoredClaimsAsync(app, saleId);
        stored.Select(c => (c.Id, c.UserId)).Order().ShouldBe(won.Select(w => (w.ClaimId, w.UserId)).Order(), "every 201 is a stored claim, and only those");
        using var client = app.CreateClient();
        await Task.Delay(RedisSaleGate.HintLifetime);
        (await BuyingApi.StandingAsync(client, saleId)).ShouldBe(("soldOut", 0));
    }

    private static long Id(string saleId) => long.Parse(saleId, CultureInfo.InvariantCulture);
}
