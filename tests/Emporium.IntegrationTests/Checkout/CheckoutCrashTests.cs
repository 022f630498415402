using Dapper;
using Emporium.Checkout.Recovery;
using Emporium.Checkout.Saga;
using Emporium.IntegrationTests.Cart;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Emporium.Payments.Gateway.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Checkout;

/// <summary>
/// A host whose clock the tests move and whose recovery worker is off, so a test decides when a crashed
/// saga's lease runs out and when recovery runs.
/// </summary>
public abstract class CrashAppFixture(bool postgres) : ClockAppFixture(postgres, new Dictionary<string, string?>
{
    ["Emporium:Checkout:RecoveryEnabled"] = "false",
    ["Emporium:Checkout:PaymentRetryDelayMs"] = "5",
});

public sealed class SqliteCrashAppFixture() : CrashAppFixture(postgres: false);

public sealed class PostgresCrashAppFixture() : CrashAppFixture(postgres: true);

/// <summary>
/// A crash injected right after each saga event (the request fails with 500 and leaves the saga mid-way),
/// then recovery: every saga ends fully done or fully undone, never with money kept for an unpaid order
/// or stock left held, and a replay of the key answers the outcome.
/// </summary>
public abstract class CheckoutCrashTests(CrashAppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    public static TheoryData<string, string, bool> Crashes()
    {
        var data = new TheoryData<string, string, bool>();
        string[] forward = ["Quoted", "StockReserved", "CouponSkipped", "PaymentAuthorized", "OrderPlaced", "HoldExtended", "PaymentCaptured", "StockCommitted", "OrderPaid", "CartCleared", "CheckoutCompleted"];
        foreach (var after in forward)
        {
            data.Add(TestCards.Approves, after, true);
        }

        foreach (var after in new[] { "StepFailed", "StockReturned", "CheckoutCompensated" })
        {
            data.Add(TestCards.Declines, after, false);
        }

        foreach (var after in new[] { "PaymentAuthorized", "OrderPlaced", "StepFailed", "OrderCancelled", "PaymentVoided", "StockReturned" })
        {
            data.Add(TestCards.TimesOutAtCapture, after, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Crashes))]
    public async Task After_a_crash_at_any_step_recovery_finishes_or_undoes_the_whole_checkout(string card, string crashAfter, bool completes)
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 3);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 2);
        var token = await CheckoutApi.TokenAsync(buyer.Client, card);
        var body = new { shippingAddress = CheckoutApi.Address, paymentToken = token };
        _app.Services.GetRequiredService<FaultInjection>().Arm(crashAfter);

        using (var crashed = await CheckoutApi.PostAsync(buyer.Client, "crash", body))
        {
            ((int)crashed.StatusCode).ShouldBe(500, await crashed.Content.ReadAsStringAsync());
        }

        var midway = await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId);
        var finishedBeforeCrash = midway.State.IsFinished;
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var recovered = await _app.Services.GetRequiredService<SagaRecovery>().RecoverDueAsync(CancellationToken.None);

        recovered.ShouldBe(finishedBeforeCrash ? 0 : 1);
        var saga = await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId);
        if (completes)
        {
            await CheckoutAssertions.CompletedAsync(_app, saga);
            (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((1, 0, 1));
            (await buyer.Client.GetJsonAsync("/api/cart")).Lines().ShouldBeEmpty();
        }
        else
        {
            await CheckoutAssertions.CompensatedAsync(_app, saga);
            (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((3, 0, 3));
            (await buyer.Client.GetJsonAsync("/api/cart")).Lines().ShouldBe([(stocked.SkuId, 2)]);
        }

        using var replay = await CheckoutApi.PostAsync(buyer.Client, "crash", body);
        ((int)replay.StatusCode).ShouldBe(completes ? 201 : card == TestCards.Declines ? 402 : 503);
        (await replay.Content.ReadAsStringAsync()).ShouldBe(saga.Response!.Body);
        await CheckoutAssertions.NoCaptureWithoutPaidOrderAsync(_app);
    }

    [Fact]
    public async Task An_authorization_whose_replies_are_lost_is_found_and_voided_once_the_gateway_answers()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 2);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 1);
        var token = await CheckoutApi.TokenAsync(buyer.Client, TestCards.Approves);
        var sandbox = _app.Services.GetRequiredService<SandboxSettings>();
        sandbox.LostReplyRate = 1;
        try
        {
            using var response = await CheckoutApi.PostAsync(buyer.Client, "lost-authorization", new { shippingAddress = CheckoutApi.Address, paymentToken = token });
            ((int)response.StatusCode).ShouldBe(503, await response.Content.ReadAsStringAsync());
        }
        finally
        {
            sandbox.LostReplyRate = 0;
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.Services.GetRequiredService<SagaRecovery>().RecoverDueAsync(CancellationToken.None);

        var saga = await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId);
        saga.State.PaymentUncertain.ShouldBeTrue("the saga never learnt the payment's id from a reply");
        await CheckoutAssertions.CompensatedAsync(_app, saga);
        await using var connection = await _app.Database.OpenAsync();
        (await connection.QueryAsync<string>("SELECT status FROM payments_payments WHERE reference = @reference", new { reference = CheckoutIds.Owner(saga.State.CheckoutId) }))
            .ShouldBe(["voided"], "the authorization the gateway made was found and voided");
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((2, 0, 2));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_after_the_first_request_died_finishes_the_checkout_itself()
    {
        var stocked = await CheckoutApi.StockedSkuAsync(_app, units: 3);
        var buyer = await CheckoutApi.BuyerAsync(_app, stocked.SkuId, 1);
        var body = new { shippingAddress = CheckoutApi.Address, paymentToken = await CheckoutApi.TokenAsync(buyer.Client, TestCards.Approves) };
        _app.Services.GetRequiredService<FaultInjection>().Arm(nameof(PaymentAuthorized));
        using (var crashed = await CheckoutApi.PostAsync(buyer.Client, "retry-after-crash", body))
        {
            ((int)crashed.StatusCode).ShouldBe(500);
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        using var retried = await CheckoutApi.PostAsync(buyer.Client, "retry-after-crash", body);

        ((int)retried.StatusCode).ShouldBe(201, await retried.Content.ReadAsStringAsync());
        retried.Headers.Contains("Idempotent-Replayed").ShouldBeFalse("this request did the work");
        await CheckoutAssertions.CompletedAsync(_app, await CheckoutAssertions.SagaOfAsync(_app, buyer.UserId));
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((2, 0, 2));
    }
}

public sealed class SqliteCheckoutCrashTests(SqliteCrashAppFixture fixture) : CheckoutCrashTests(fixture), IClassFixture<SqliteCrashAppFixture>;

public sealed class PostgresCheckoutCrashTests(PostgresCrashAppFixture fixture) : CheckoutCrashTests(fixture), IClassFixture<PostgresCrashAppFixture>;
