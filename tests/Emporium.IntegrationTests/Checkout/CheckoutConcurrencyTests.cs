using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;

namespace Emporium.IntegrationTests.Checkout;

/// <summary>Many buyers for few units, and many copies of one request: no oversell, one effect per key.</summary>
public abstract class CheckoutConcurrencyTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task Fifty_buyers_for_ten_units_make_exactly_ten_paid_orders_and_forty_clean_409s()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 10);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 1);
            return (buyer, Token: await CheckoutApi.TokenAsync(buyer.Client, TestCards.Approves));
        }));

        using var start = new SemaphoreSlim(0);
        var attempts = buyers.Select(async b =>
        {
            await start.WaitAsync();
            using var response = await CheckoutApi.PostAsync(b.buyer.Client, "buy", new { shippingAddress = CheckoutApi.Address, paymentToken = b.Token });
            return (b.buyer, Status: (int)response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(buyers.Length);
        var results = await Task.WhenAll(attempts);

        results.Count(r => r.Status == 201).ShouldBe(10, string.Join('\n', results.Where(r => r.Status is not (201 or 409)).Select(r => r.Body)));
        results.Count(r => r.Status == 409).ShouldBe(40);
        results.Where(r => r.Status == 409).ShouldAllBe(r => CheckoutApi.Parse(r.Body).GetProperty("code").GetString() == "out_of_stock");
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((0, 0, 0));
        foreach (var (buyer, status, _) in results)
        {
            var saga = await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId);
            if (status == 201)
            {
                await CheckoutAssertions.CompletedAsync(_app, saga);
            }
            else
            {
                await CheckoutAssertions.CompensatedAsync(_app, saga);
            }
        }

        await CheckoutAssertions.NoCaptureWithoutPaidOrderAsync(_app);
    }

    [Fact]
    public async Task Ten_concurrent_requests_with_one_key_make_one_order_and_all_get_its_answer()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 5);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 1);
        var token = await CheckoutApi.TokenAsync(buyer.Client, TestCards.Approves);

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 10).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await CheckoutApi.PostAsync(buyer.Client, "one-key", new { shippingAddress = CheckoutApi.Address, paymentToken = token });
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(10);
        var results = await Task.WhenAll(attempts);

        results.Select(r => r.Item1).Distinct().ShouldBe([201], string.Join('\n', results.Select(r => r.Item2)));
        results.Select(r => r.Item2).Distinct().Count().ShouldBe(1, "every copy hears the same answer");
        (await CheckoutAssertions.SagaCountAsync(_app, buyer.UserId)).ShouldBe(1);
        await CheckoutAssertions.CompletedAsync(_app, await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId));
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((4, 0, 4));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCheckoutConcurrencyTests(SqliteAppFixture fixture) : CheckoutConcurrencyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckoutConcurrencyTests(PostgresAppFixture fixture) : CheckoutConcurrencyTests(fixture);
