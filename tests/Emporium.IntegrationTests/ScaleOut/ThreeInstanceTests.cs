using System.Collections.Concurrent;
using Dapper;
using Emporium.BuildingBlocks.Messaging;
using Emporium.IntegrationTests.Checkout;
using Emporium.IntegrationTests.FlashSales.Buying;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Emporium.IntegrationTests.ScaleOut;

/// <summary>
/// The multi-instance test: three host processes on PostgreSQL, Redis and RabbitMQ. A flash sale
/// of 200 units meets 3,000 buyers spread over all three while shoppers check out (cart on one instance,
/// checkout on another, cancellation back on the first); one instance is SIGKILLed mid-sale. Exactly the
/// allotment is claimed, no buyer passes the limit, no acknowledged claim is lost, no answer is a 5xx, and
/// every integration event is handled exactly once by each of its consumers.
/// </summary>
public sealed class ThreeInstanceTests(ITestOutputHelper output)
{
    private const int Units = 200, Buyers = 3_000, Limit = 2, Shoppers = 24;

    [Fact]
    public async Task Three_instances_sell_exactly_the_allotment_lose_no_claim_when_one_dies_and_handle_each_event_once()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var setup = new EmporiumApp(new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false" });
        var sale = await BuyingApi.SaleAsync(setup, Units, Limit);
        var sku = await CheckoutApi.StockedSkuAsync(setup, units: 200);
        var buyers = MintedUsers.Mint(setup, Buyers + 300);
        var shoppers = new List<TestUsers.SignedIn>();
        for (var i = 0; i < Shoppers; i++)
        {
            shoppers.Add(await TestUsers.CustomerAsync(setup));
        }

        await using var deployment = await Deployment.StartAsync(database, 3);
        var doomed = deployment.Instances[2];
        var claims = new ConcurrentBag<(string UserId, string ClaimId)>();
        var wrong = new ConcurrentBag<string>();

        var shopping = Task.WhenAll(shoppers.Select((shopper, i) => Shop.OrderAndMaybeCancelAsync(deployment, i, shopper, sku.SkuId)));
        var buying = Parallel.ForEachAsync(
            buyers.Take(Buyers).Select((buyer, i) => (buyer, i)),
            new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (b, _) => await Shop.BuyUntilRefusedAsync(deployment, b.i, b.buyer, sale.SaleId, claims, wrong));
        while (claims.Count < Units / 3 && !buying.IsCompleted)
        {
            await Task.Delay(5);
        }

        await doomed.KillAsync();
        await buying;
        var orders = await shopping;
        output.WriteLine($"{claims.Count} claims acknowledged by the end of the rush; instance 2 killed after {Units / 3}");

        // Units the dead instance took in Redis without storing a claim come back through the gate
        // reconciliation; buyers who heard "sold out" meanwhile gave up, so late buyers mop up.
        var stored = await StoredClaimsAsync(setup, sale.SaleId);
        for (var wave = 0; stored.Count < Units && wave < 30; wave++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            foreach (var late in buyers.Skip(Buyers + (wave * 10)).Take(10).Select((buyer, i) => (buyer, i)))
            {
                await Shop.BuyUntilRefusedAsync(deployment, late.i, late.buyer, sale.SaleId, claims, wrong, skipDead: true);
            }

            stored = await StoredClaimsAsync(setup, sale.SaleId);
        }

        wrong.ShouldBeEmpty("every answer was 201, 409, 410 or a retryable 503");
        stored.Count.ShouldBe(Units, "exactly the allotment is claimed across the instances");
        claims.Select(c => c.ClaimId).Except(stored.Select(s => s.Id)).ShouldBeEmpty("a claim a buyer heard 201 for was lost");
        stored.GroupBy(s => s.UserId).ShouldAllBe(g => g.Count() <= Limit);

        orders.Length.ShouldBe(Shoppers);
        await EveryEventHandledOnceAsync(setup);
        await using var connection = await setup.Database.OpenAsync();
        var cancelled = orders.Where(o => o.Cancelled).Select(o => o.OrderId).ToArray();
        (await connection.QuerySingleAsync<long>("SELECT COUNT(*) FROM payments_cancellations WHERE order_id = ANY(@cancelled)", new { cancelled }))
            .ShouldBe(cancelled.Length, "each cancelled order's payment is to be voided once");
        (await LedgerAssertions.ViolationsAsync(setup.Database)).ShouldBeEmpty("stock released once per cancelled order");
    }

    /// <summary>Waits until every stored event reached each consumer subscribed to its type: one inbox row each.</summary>
    private async Task EveryEventHandledOnceAsync(EmporiumApp setup)
    {
        var consumers = setup.Services.GetServices<EventSubscription>()
            .GroupBy(s => s.EventType)
            .ToDictionary(g => g.Key, g => g.Select(s => s.Consumer).ToHashSet());
        List<string> missing = [];
        for (var wait = 0; wait < 120; wait++)
        {
            await using var connection = await setup.Database.OpenAsync();
            var events = (await connection.QueryAsync<(string Id, string Type)>("SELECT id, type FROM outbox_messages")).ToList();
            var handled = (await connection.QueryAsync<(string Consumer, string MessageId)>("SELECT consumer, message_id FROM inbox_messages")).ToHashSet();
            missing = [.. events.SelectMany(e => consumers.GetValueOrDefault(e.Type, []).Where(c => !handled.Contains((c, e.Id))).Select(c => $"{e.Type} {e.Id} by {c}"))];
            if (missing.Count == 0)
            {
                output.WriteLine($"{events.Count} events, {handled.Count} inbox rows; by type: "
                    + string.Join(", ", events.GroupBy(e => e.Type).Select(g => $"{g.Key} × {g.Count()}")));
                events.Select(e => e.Type).Distinct().Count(consumers.ContainsKey).ShouldBe(consumers.Count, "every subscribed event type occurred");
                return;
            }

            await Task.Delay(500);
        }

        missing.ShouldBeEmpty("events never handled by a subscribed consumer");
    }

    private sealed record StoredClaim(string Id, string UserId);

    private static async Task<List<StoredClaim>> StoredClaimsAsync(EmporiumApp app, string saleId)
    {
        await using var connection = await app.Database.OpenAsync();
        return [.. await connection.QueryAsync<StoredClaim>(
            "SELECT id AS Id, user_id AS UserId FROM flashsales_claims WHERE sale_id = @saleId", new { saleId = long.Parse(saleId, System.Globalization.CultureInfo.InvariantCulture) })];
    }
}
