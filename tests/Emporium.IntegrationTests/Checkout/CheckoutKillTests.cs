using System.Diagnostics;
using System.Net.Http.Json;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Microsoft.Extensions.Configuration;

namespace Emporium.IntegrationTests.Checkout;

/// <summary>
/// The harshest crash: the host process is SIGKILLed right after a saga step, mid-request. A new
/// process on the same database, left alone, finds the saga and finishes it; the buyer's retry of the
/// key then hears the outcome. Run on the embedded engine (the in-process crash tests cover both).
/// </summary>
public sealed class CheckoutKillTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "emporium-kill-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("PaymentAuthorized")]
    [InlineData("PaymentCaptured")]
    public async Task A_host_killed_mid_checkout_is_finished_by_the_next_host_on_its_own(string killAfter)
    {
        var settings = new Dictionary<string, string>
        {
            ["Emporium:DataDirectory"] = _directory,
            ["ConnectionStrings:Postgres"] = "",
            ["Emporium:DemoData"] = "true",
            ["Emporium:Checkout:LeaseSeconds"] = "1",
            ["Emporium:Checkout:RecoveryIntervalSeconds"] = "1",
        };
        string key = "kill-" + killAfter, cardOutput;
        object body;
        await using (var doomed = await HostProcess.StartAsync(new Dictionary<string, string>(settings)
        {
            ["Emporium:Checkout:Faults:After"] = killAfter,
            ["Emporium:Checkout:Faults:Mode"] = "Kill",
        }))
        {
            using var client = await DemoCustomerAsync(doomed);
            var sku = await StockedDemoSkuAsync();
            (await client.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity = 1 })).EnsureSuccessStatusCode();
            body = new { shippingAddress = CheckoutApi.Address, paymentToken = await CheckoutApi.TokenAsync(client, TestCards.Approves) };

            await Should.ThrowAsync<HttpRequestException>(() => CheckoutApi.PostAsync(client, key, body));
            (await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldNotBe(0);
            cardOutput = doomed.Output;
        }

        (await SagaStatusAsync()).ShouldBe("running", "the kill left the saga mid-way");

        await using var successor = await HostProcess.StartAsync(settings);
        var waited = Stopwatch.StartNew();
        while (await SagaStatusAsync() == "running" && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        (await SagaStatusAsync()).ShouldBe("completed", successor.Output);
        using var buyer = await DemoCustomerAsync(successor);
        using var replay = await CheckoutApi.PostAsync(buyer, key, body);
        ((int)replay.StatusCode).ShouldBe(201, await replay.Content.ReadAsStringAsync());
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"], "recovery, not the retry, finished it");
        (await LedgerAssertions.ViolationsAsync(DatabaseOf(_directory))).ShouldBeEmpty();
        (cardOutput + successor.Output).ShouldNotContain(TestCards.Approves, Case.Sensitive, "a card number never reaches the logs");
    }

    private static Task<HttpClient> DemoCustomerAsync(HostProcess host) => host.SignedInClientAsync("customer@example.com", "Emporium-demo-1");

    private async Task<string> StockedDemoSkuAsync()
    {
        await using var connection = await DatabaseOf(_directory).OpenAsync();
        return await connection.QueryFirstAsync<string>(
            """
            SELECT s.sku_id FROM inventory_stock s
            JOIN inventory_warehouse_countries c ON c.warehouse_id = s.warehouse_id AND c.country = 'GB'
            WHERE s.on_hand - s.reserved >= 1 ORDER BY s.sku_id
            """);
    }

    private async Task<string?> SagaStatusAsync()
    {
        await using var connection = await DatabaseOf(_directory).OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<string>("SELECT status FROM checkout_sagas WHERE user_id = 'usr_demo_customer'");
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
