using Emporium.Contracts.Payments;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.Payments.Cancellation;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Payments;

/// <summary>
/// An <c>OrderCancelled</c> event gives the order's payment back: voided if authorized, refunded (what is
/// left) if captured, untouched otherwise; and delivering it again, or another event for the order, changes nothing.
/// </summary>
public abstract class OrderCancelledTests(AppFixture fixture)
{
    private readonly PaymentsKit _kit = new(fixture.App);

    private IServiceProvider Services => fixture.App.Services;

    [Fact]
    public async Task An_authorized_payment_is_voided_once_however_often_the_order_is_cancelled()
    {
        var payment = await _kit.AuthorizedAsync(amount: 3_300);
        var cancelled = PaymentsEvents.Cancelled(payment.PaymentId);

        await PaymentsEvents.PublishAsync(Services, cancelled);
        await PaymentsEvents.EventuallyAsync(async () => (await _kit.CurrentAsync(payment.PaymentId)).Status == PaymentStatus.Voided);

        var voided = await _kit.CurrentAsync(payment.PaymentId);
        voided.ShouldBe(payment with { Status = PaymentStatus.Voided });
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(3_300, 3_300, 0, 0, 1));
        await EventuallyDoneAsync(cancelled.OrderId, "voided");

        await DeliverAgainAsync(cancelled);

        (await _kit.CurrentAsync(payment.PaymentId)).ShouldBe(voided);
        (await _kit.OperationsOfAsync(payment.PaymentId)).ShouldBe(1);
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(3_300, 3_300, 0, 0, 1));
        (await PaymentsEvents.RequestAsync(Services, cancelled.OrderId)).ShouldBe((1, "voided"));
    }

    [Fact]
    public async Task A_captured_payment_is_refunded_what_is_left_once()
    {
        var payment = await _kit.CapturedAsync(4_000);
        PaymentsKit.Ok(await _kit.Payments.RefundAsync(payment.PaymentId, 1_000, PaymentsKit.NewKey(), CancellationToken.None));
        var cancelled = PaymentsEvents.Cancelled(payment.PaymentId);

        await PaymentsEvents.PublishAsync(Services, cancelled);
        await PaymentsEvents.EventuallyAsync(async () => (await _kit.CurrentAsync(payment.PaymentId)).Status == PaymentStatus.Refunded);

        var refunded = await _kit.CurrentAsync(payment.PaymentId);
        refunded.ShouldBe(payment with { Status = PaymentStatus.Refunded, RefundedAmount = 4_000 });
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(4_000, 4_000, 4_000, 4_000, 0));
        await EventuallyDoneAsync(cancelled.OrderId, "refunded");

        await DeliverAgainAsync(cancelled);

        (await _kit.CurrentAsync(payment.PaymentId)).ShouldBe(refunded);
        (await _kit.OperationsOfAsync(payment.PaymentId)).ShouldBe(3); // capture, the admin's refund, the cancellation's
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(4_000, 4_000, 4_000, 4_000, 0));
    }

    [Fact]
    public async Task A_failed_or_voided_payment_is_left_as_it_is()
    {
        var request = PaymentsKit.Authorization(await _kit.TokenAsync(PaymentsKit.NoFunds));
        await _kit.AuthorizeAsync(request);
        var failedId = await _kit.ScalarTextAsync("SELECT payment_id FROM payments_payments WHERE idempotency_key = @IdempotencyKey", request);
        var failed = await _kit.CurrentAsync(failedId);
        var voided = PaymentsKit.Ok(await _kit.Payments.VoidAsync((await _kit.AuthorizedAsync()).PaymentId, PaymentsKit.NewKey(), CancellationToken.None));
        var first = PaymentsEvents.Cancelled(failedId);
        var second = PaymentsEvents.Cancelled(voided.PaymentId);

        await PaymentsEvents.PublishAsync(Services, first);
        await PaymentsEvents.PublishAsync(Services, second);

        await EventuallyDoneAsync(first.OrderId, "nothing_to_do");
        await EventuallyDoneAsync(second.OrderId, "nothing_to_do");
        (await _kit.CurrentAsync(failedId)).ShouldBe(failed);
        (await _kit.CurrentAsync(voided.PaymentId)).ShouldBe(voided);
        (await _kit.OperationsOfAsync(voided.PaymentId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_cancellation_naming_an_unknown_payment_is_done_without_effect()
    {
        var cancelled = PaymentsEvents.Cancelled("pay_" + Guid.NewGuid().ToString("N"));

        await PaymentsEvents.PublishAsync(Services, cancelled);

        await EventuallyDoneAsync(cancelled.OrderId, "payment_not_found");
    }

    /// <summary>
    /// The same event delivered again (as after a relay crash: the inbox drops it), and another event for
    /// the same order (payments records one request per order): neither does anything.
    /// </summary>
    private async Task DeliverAgainAsync(Contracts.Orders.OrderCancelled cancelled)
    {
        await PaymentsEvents.RedeliverAsync(Services, cancelled);
        var another = cancelled with { Id = Guid.NewGuid(), Reason = "cancelled twice" };
        await PaymentsEvents.PublishAsync(Services, another);
        await PaymentsEvents.DeliveredAsync(Services, cancelled);
        await PaymentsEvents.DeliveredAsync(Services, another);
        (await Services.GetRequiredService<PaymentCompensation>().RunDueAsync(CancellationToken.None)).ShouldBe(0);
    }

    private Task EventuallyDoneAsync(string orderId, string outcome) =>
        PaymentsEvents.EventuallyAsync(async () => (await PaymentsEvents.RequestAsync(Services, orderId))?.Outcome == outcome);
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteOrderCancelledTests(SqliteAppFixture fixture) : OrderCancelledTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresOrderCancelledTests(PostgresAppFixture fixture) : OrderCancelledTests(fixture);
