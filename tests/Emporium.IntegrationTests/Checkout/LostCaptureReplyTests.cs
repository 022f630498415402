using Emporium.Contracts.Payments;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Emporium.Payments.Gateway;
using Emporium.Payments.Gateway.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Checkout;

/// <summary>The sandbox gateway, except that the answers to the first <paramref name="lost"/> captures never arrive (the captures happen).</summary>
internal sealed class LosingCaptureRepliesGateway(IPaymentGateway inner, int lost) : IPaymentGateway
{
    private int _captures;

    public Task<AuthorizationAnswer> AuthorizeAsync(string token, long amount, string currency, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.AuthorizeAsync(token, amount, currency, idempotencyKey, cancellationToken);

    public async Task<OperationAnswer> CaptureAsync(string gatewayRef, long amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        var answer = await inner.CaptureAsync(gatewayRef, amount, idempotencyKey, cancellationToken);
        return Interlocked.Increment(ref _captures) <= lost ? OperationAnswer.TimedOut.Instance : answer;
    }

    public Task<OperationAnswer> VoidAsync(string gatewayRef, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.VoidAsync(gatewayRef, idempotencyKey, cancellationToken);

    public Task<OperationAnswer> RefundAsync(string gatewayRef, long amount, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.RefundAsync(gatewayRef, amount, idempotencyKey, cancellationToken);
}

/// <summary>
/// The worst gateway timeout: the capture happens, but its reply and those of every retry are lost. The
/// checkout gives up and undoes itself; the void it asks for is refused by the gateway (the charge is
/// captured), payments records the capture it learns of, and the saga refunds it — the money comes back.
/// </summary>
public abstract class LostCaptureReplyTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task A_capture_whose_replies_are_all_lost_is_refunded_when_the_checkout_is_undone()
    {
        await using var database = await CreateDatabaseAsync();
        await using var app = new EmporiumApp(
            new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false", ["Emporium:Checkout:PaymentRetryDelayMs"] = "5" },
            services => services.AddSingleton<IPaymentGateway>(provider => new LosingCaptureRepliesGateway(provider.GetRequiredService<SandboxGateway>(), lost: 3)));
        var stocked = await CheckoutApi.StockedSkuAsync(app, units: 2);
        var buyer = await CheckoutApi.BuyerAsync(app, stocked.SkuId, 1);

        var (status, body) = await CheckoutApi.CheckoutAsync(buyer.Client, TestCards.Approves);

        status.ShouldBe(503, body);
        var saga = await CheckoutAssertions.SagaOfAsync(app, buyer.UserId);
        await CheckoutAssertions.CompensatedAsync(app, saga);
        var payment = (await app.Services.GetRequiredService<IPayments>().GetAsync(saga.State.PaymentId!, CancellationToken.None)).Value;
        payment.Status.ShouldBe(PaymentStatus.Refunded);
        payment.CapturedAmount.ShouldBe(saga.State.Quote!.Total, "the capture the lost replies hid is on record");
        payment.RefundedAmount.ShouldBe(payment.CapturedAmount);
        (await InventoryApi.StockAsync(stocked.Seller, stocked.SkuId)).Total.ShouldBe((2, 0, 2));
        await CheckoutAssertions.NoCaptureWithoutPaidOrderAsync(app);
    }
}

public sealed class SqliteLostCaptureReplyTests : LostCaptureReplyTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresLostCaptureReplyTests : LostCaptureReplyTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
