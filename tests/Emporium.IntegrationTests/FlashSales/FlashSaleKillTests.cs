using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Microsoft.Extensions.Configuration;

namespace Emporium.IntegrationTests.FlashSales;

/// <summary>
/// The crash test: the host is SIGKILLed while buyers are claiming. Every claim a buyer heard
/// 201 for is in storage afterwards, a new process rebuilds its gate from storage, and the sale goes on
/// to sell exactly its allotment — no unit twice, no buyer above the limit.
/// </summary>
public sealed class FlashSaleKillTests : IDisposable
{
    private const int Allotment = 60;
    private const int PerUserLimit = 20;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "emporium-flash-kill-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task A_host_killed_mid_sale_loses_no_acknowledged_claim_and_the_sale_sells_out_exactly()
    {
        var settings = new Dictionary<string, string>
        {
            ["Emporium:DataDirectory"] = _directory,
            ["ConnectionStrings:Postgres"] = "",
            ["Emporium:DemoData"] = "true",
            ["Emporium:RateLimits:Enabled"] = "false",
        };
        var acknowledged = new ConcurrentBag<string>();
        string saleId;
        await using (var doomed = await HostProcess.StartAsync(settings))
        {
            saleId = await CreateSaleAsync(doomed);
            var buyers = await BuyersAsync(doomed, 4);
            using var stop = new CancellationTokenSource();
            var attempts = Enumerable.Range(0, 16).Select(i => BuyUntilStoppedAsync(buyers[i % buyers.Count], saleId, acknowledged, stop.Token)).ToList();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (acknowledged.Count < 20)
            {
                waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "no claims were acknowledged:\n" + doomed.Output);
                await Task.Delay(5);
            }

            await doomed.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(attempts);
        }

        var stored = await StoredClaimsAsync();
        acknowledged.ShouldNotBeEmpty();
        acknowledged.Except(stored.Select(c => c.Id)).ShouldBeEmpty("a claim the buyer heard 201 for was lost in the kill");
        stored.Count.ShouldBeLessThanOrEqualTo(Allotment);

        await using var successor = await HostProcess.StartAsync(settings);
        var buyersAfter = await BuyersAsync(successor, 4);
        var soldOut = false;
        for (var round = 0; round < 20 && !soldOut; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => BuyOnceAsync(buyersAfter[i % buyersAfter.Count], saleId)));
            foreach (var (status, claimId) in answers)
            {
                status.ShouldBeOneOf([HttpStatusCode.Created, HttpStatusCode.Gone, HttpStatusCode.Conflict], successor.Output);
                if (claimId is not null)
                {
                    acknowledged.Add(claimId);
                }
            }

            soldOut = answers.All(a => a.Status == HttpStatusCode.Gone);
        }

        soldOut.ShouldBeTrue("the sale went on after the restart until it sold out");
        var final = await StoredClaimsAsync();
        final.Count.ShouldBe(Allotment, "exactly the allotment is sold, across both processes");
        acknowledged.Except(final.Select(c => c.Id)).ShouldBeEmpty();
        final.GroupBy(c => c.UserId).ShouldAllBe(g => g.Count() <= PerUserLimit);
        using var anonymous = successor.CreateClient();
        var sale = await anonymous.GetFromJsonAsync<SaleView>($"/api/flash-sales/{saleId}");
        (sale!.Remaining, sale.Status).ShouldBe((0, "soldOut"));
        (await LedgerAssertions.ViolationsAsync(DatabaseOf(_directory))).ShouldBeEmpty();
    }

    private sealed record SaleView(int Remaining, string Status);

    private static async Task BuyUntilStoppedAsync(HttpClient buyer, string saleId, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var (_, claimId) = await BuyOnceAsync(buyer, saleId);
                if (claimId is not null)
                {
                    acknowledged.Add(claimId);
                }
            }
            catch (HttpRequestException)
            {
                return; // the host is gone: an answer that never arrived acknowledges nothing
            }
            catch (TaskCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<(HttpStatusCode Status, string? ClaimId)> BuyOnceAsync(HttpClient buyer, string saleId)
    {
        using var response = await buyer.PostAsync($"/api/flash-sales/{saleId}/purchase", null);
        return response.StatusCode == HttpStatusCode.Created
            ? (response.StatusCode, (await response.ReadJsonAsync()).GetProperty("claimId").GetString())
            : (response.StatusCode, null);
    }

    private async Task<string> CreateSaleAsync(HostProcess host)
    {
        using var admin = await host.SignedInClientAsync("admin@example.com", "Emporium-demo-1");
        var sku = await StockedDemoSkuAsync();
        var now = DateTimeOffset.UtcNow;
        using var created = await admin.PostAsJsonAsync("/api/admin/flash-sales", new
        {
            skuId = sku,
            price = 500,
            quantity = Allotment,
            perUserLimit = PerUserLimit,
            startsAt = now.AddSeconds(-1),
            endsAt = now.AddHours(1),
            country = "GB",
        });
        ((int)created.StatusCode).ShouldBe(201, await created.Content.ReadAsStringAsync());
        return (await created.ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    private static async Task<List<HttpClient>> BuyersAsync(HostProcess host, int count)
    {
        var buyers = new List<HttpClient>();
        for (var i = 0; i < count; i++)
        {
            var email = $"kill-{i}@example.test";
            using var anonymous = host.CreateClient();
            using var registered = await anonymous.PostAsJsonAsync("/api/accounts/register", new { email, password = TestUsers.Password, name = "Buyer " + i });
            registered.StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict);
            buyers.Add(await host.SignedInClientAsync(email, TestUsers.Password));
        }

        return buyers;
    }

    private async Task<string> StockedDemoSkuAsync()
    {
        await using var connection = await DatabaseOf(_directory).OpenAsync();
        return await connection.QueryFirstAsync<string>(
            """
            SELECT s.sku_id FROM inventory_stock s
            JOIN inventory_warehouse_countries c ON c.warehouse_id = s.warehouse_id AND c.country = 'GB'
            GROUP BY s.sku_id HAVING SUM(s.on_hand - s.reserved) >= @Allotment ORDER BY s.sku_id
            """,
            new { Allotment });
    }

    private sealed record StoredClaim(string Id, string UserId);

    private async Task<List<StoredClaim>> StoredClaimsAsync()
    {
        await using var connection = await DatabaseOf(_directory).OpenAsync();
        return [.. await connection.QueryAsync<StoredClaim>("SELECT id AS Id, user_id AS UserId FROM flashsales_claims")];
    }

    private static Database DatabaseOf(string directory) =>
        new(EmporiumOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Emporium:DataDirectory"] = directory, ["ConnectionStrings:Postgres"] = "" })
            .Build()));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
