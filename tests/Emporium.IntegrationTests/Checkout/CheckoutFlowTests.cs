using System.Net.Http.Json;
using Emporium.IntegrationTests.Cart;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;

namespace Emporium.IntegrationTests.Checkout;

/// <summary><c>POST /api/checkout</c> end to end: the saga's forward path, each failure and what it undoes, idempotent replays.</summary>
public abstract class CheckoutFlowTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task An_approved_card_places_a_paid_order_sells_the_units_and_empties_the_cart()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 5);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 2);

        var (status, body) = await CheckoutApi.CheckoutAsync(buyer.Client, TestCards.Approves);

        status.ShouldBe(201, body);
        var created = CheckoutApi.Parse(body);
        created.GetProperty("status").GetString().ShouldBe("paid");
        var saga = await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId);
        created.GetProperty("orderId").GetString().ShouldBe(saga.State.OrderId);
        created.GetProperty("total").GetProperty("amount").GetInt64().ShouldBe(saga.State.Quote!.Total);
        saga.State.Quote.Subtotal.ShouldBe(2 * 1_000);
        await CheckoutAssertions.CompletedAsync(_app, saga);
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((3, 0, 3));
        (await buyer.Client.GetJsonAsync("/api/cart")).Lines().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_key_and_body_replay_the_same_answer_and_another_body_is_422()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 5);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 1);
        var token = await CheckoutApi.TokenAsync(buyer.Client, TestCards.Approves);
        var body = new { shippingAddress = CheckoutApi.Address, paymentToken = token };

        using var first = await CheckoutApi.PostAsync(buyer.Client, "replay-key", body);
        using var again = await CheckoutApi.PostAsync(buyer.Client, "replay-key", body);
        using var other = await CheckoutApi.PostAsync(buyer.Client, "replay-key", new { shippingAddress = CheckoutApi.Address, paymentToken = token + "x" });

        ((int)first.StatusCode).ShouldBe(201, await first.Content.ReadAsStringAsync());
        ((int)again.StatusCode).ShouldBe(201);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        first.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        again.Headers.Location.ShouldBe(first.Headers.Location);
        ((int)other.StatusCode).ShouldBe(422);
        (await other.ReadJsonAsync()).GetProperty("code").GetString().ShouldBe("idempotency_key_reused");
        (await CheckoutAssertions.SagaCountAsync(_app, buyer.UserId)).ShouldBe(1);
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((4, 0, 4), "one sale, not two");
    }

    [Theory]
    [InlineData(TestCards.Declines, "card_declined")]
    [InlineData(TestCards.InsufficientFunds, "insufficient_funds")]
    public async Task A_declined_card_is_402_releases_the_stock_at_once_and_keeps_the_cart(string card, string code)
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 5);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 2);

        var (status, body) = await CheckoutApi.CheckoutAsync(buyer.Client, card);

        status.ShouldBe(402, body);
        CheckoutApi.Parse(body).GetProperty("code").GetString().ShouldBe(code);
        var saga = await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId);
        await CheckoutAssertions.CompensatedAsync(_app, saga);
        saga.State.OrderId.ShouldBeNull("no order is placed before the payment is authorized");
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((5, 0, 5));
        (await buyer.Client.GetJsonAsync("/api/cart")).Lines().ShouldBe([(stocked.SkuId, 2)]);
    }

    [Fact]
    public async Task A_capture_that_keeps_timing_out_is_compensated_order_cancelled_payment_voided_stock_back()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 5);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 1);

        var (status, body) = await CheckoutApi.CheckoutAsync(buyer.Client, TestCards.TimesOutAtCapture);

        status.ShouldBe(503, body);
        var saga = await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId);
        saga.State.Failure!.Step.ShouldBe(Emporium.Checkout.Saga.SagaStep.Capture);
        saga.State.OrderCancelled.ShouldBeTrue();
        await CheckoutAssertions.CompensatedAsync(_app, saga);
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((5, 0, 5));
        (await buyer.Client.GetJsonAsync("/api/cart")).Lines().ShouldBe([(stocked.SkuId, 1)]);
    }

    [Fact]
    public async Task Too_few_units_is_409_naming_the_sku_and_nothing_is_charged()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 1);
        var plenty = await CheckoutApi.StockedSkuAsync(_app, units: 9);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 2);
        await CartApi.ExpectAsync(buyer.Client.PutAsJsonAsync($"/api/cart/items/{plenty.SkuId}", new { quantity = 1 }), 200);

        var (status, body) = await CheckoutApi.CheckoutAsync(buyer.Client, TestCards.Approves);

        status.ShouldBe(409, body);
        var problem = CheckoutApi.Parse(body);
        problem.GetProperty("code").GetString().ShouldBe("out_of_stock");
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldContain(stocked.SkuId);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldNotContain(plenty.SkuId);
        var saga = await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId);
        saga.State.PaymentId.ShouldBeNull();
        await CheckoutAssertions.CompensatedAsync(_app, saga);
        (await InventoryApi.StockAsync(plenty.Seller, plenty.SkuId)).Total.ShouldBe((9, 0, 9));
    }

    [Fact]
    public async Task An_empty_cart_is_422()
    {
        var buyer = await TestUsers.CustomerAsync(_app);

        var (status, body) = await CheckoutApi.CheckoutAsync(buyer.Client, TestCards.Approves);

        status.ShouldBe(422, body);
        CheckoutApi.Parse(body).GetProperty("code").GetString().ShouldBe("cart_empty");
    }

    [Fact]
    public async Task Prices_a_client_sends_are_ignored_the_server_quotes()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 5);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 1);
        var token = await CheckoutApi.TokenAsync(buyer.Client, TestCards.Approves);

        using var response = await CheckoutApi.PostAsync(buyer.Client, Guid.NewGuid().ToString("N"), new
        {
            shippingAddress = CheckoutApi.Address,
            paymentToken = token,
            total = new { amount = 1, currency = "USD" },
            lines = new[] { new { skuId = stocked.SkuId, quantity = 1, unitPrice = new { amount = 1, currency = "USD" } } },
        });

        var created = await response.ReadJsonAsync();
        ((int)response.StatusCode).ShouldBe(201, created.ToString());
        var saga = await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId);
        saga.State.Quote!.Subtotal.ShouldBe(1_000);
        created.GetProperty("total").GetProperty("amount").GetInt64().ShouldBe(saga.State.Quote.Total);
        await CheckoutAssertions.CompletedAsync(_app, saga);
    }

    [Fact]
    public async Task A_token_that_does_not_exist_is_422_and_the_stock_is_released()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 2);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 1);

        using var response = await CheckoutApi.PostAsync(buyer.Client, "no-such-token", new { shippingAddress = CheckoutApi.Address, paymentToken = "tok_nothing" });

        ((int)response.StatusCode).ShouldBe(422);
        (await response.ReadJsonAsync()).GetProperty("code").GetString().ShouldBe("payment_token_invalid");
        await CheckoutAssertions.CompensatedAsync(_app, await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId));
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((2, 0, 2));
    }

    [Fact]
    public async Task Checkout_needs_a_signed_in_user()
    {
        using var anonymous = _app.CreateClient();

        using var response = await CheckoutApi.PostAsync(anonymous, "anonymous", new { shippingAddress = CheckoutApi.Address, paymentToken = "tok" });

        ((int)response.StatusCode).ShouldBe(401);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCheckoutFlowTests(SqliteAppFixture fixture) : CheckoutFlowTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckoutFlowTests(PostgresAppFixture fixture) : CheckoutFlowTests(fixture);
