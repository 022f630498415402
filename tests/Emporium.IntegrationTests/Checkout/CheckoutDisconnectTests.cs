using System.Net.Http.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Checkout;

/// <summary>
/// A buyer who gives up waiting (closes the tab, the phone loses signal) while their checkout is at the
/// payment gateway: the saga still runs to its end at once, rather than holding the stock and the
/// authorization until recovery takes it over after the lease.
/// </summary>
public abstract class CheckoutDisconnectTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private EmporiumApp _app = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _app = new EmporiumApp(new Dictionary<string, string?>(_database.Settings)
        {
            ["Emporium:DemoData"] = "false",
            // Every gateway call takes a second: the buyer leaves while the card is being authorized.
            ["Emporium:Payments:Sandbox:LatencyMs"] = "1000",
        });
    }

    [Fact]
    public async Task A_checkout_whose_buyer_disconnects_at_the_gateway_still_ends_at_once()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 5);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 2);
        var paymentToken = await CheckoutApi.TokenAsync(buyer.Client, TestCards.Approves);

        using (var leaving = new CancellationTokenSource())
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkout")
            {
                Content = JsonContent.Create(new { shippingAddress = CheckoutApi.Address, paymentToken }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            var sending = buyer.Client.SendAsync(request, leaving.Token);

            // The buyer leaves once the checkout has begun (its saga is stored), while the gateway is working.
            var started = System.Diagnostics.Stopwatch.StartNew();
            while (await CheckoutAssertions.SagaCountAsync(_app, buyer.UserId) == 0 && started.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(10);
            }

            await leaving.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(() => sending);
        }

        // Well inside the 30 s lease after which recovery would finish an abandoned saga.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId)).State.Completed && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        await CheckoutAssertions.CompletedAsync(_app, await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}

public sealed class SqliteCheckoutDisconnectTests : CheckoutDisconnectTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresCheckoutDisconnectTests : CheckoutDisconnectTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
