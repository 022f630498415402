using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Payments;

/// <summary>Capture, void and refund through <see cref="IPayments"/>, stored and at the gateway, including what is refused.</summary>
public abstract class PaymentTransitionTests(AppFixture fixture)
{
    private readonly PaymentsKit _kit = new(fixture.App);

    private IPayments Payments => _kit.Payments;

    [Fact]
    public async Task A_capture_takes_the_whole_authorized_amount_and_a_second_one_changes_nothing()
    {
        var payment = await _kit.AuthorizedAsync(amount: 1_500);

        var captured = PaymentsKit.Ok(await Payments.CaptureAsync(payment.PaymentId, PaymentsKit.NewKey(), CancellationToken.None));
        var again = PaymentsKit.Ok(await Payments.CaptureAsync(payment.PaymentId, PaymentsKit.NewKey(), CancellationToken.None));

        captured.ShouldBe(payment with { Status = PaymentStatus.Captured, CapturedAmount = 1_500 });
        again.ShouldBe(captured);
        (await _kit.CurrentAsync(payment.PaymentId)).ShouldBe(captured);
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(1_500, 1_500, 1_500, 0, 0));
        (await _kit.OperationsOfAsync(payment.PaymentId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_void_releases_the_hold_and_voiding_again_with_any_key_changes_nothing()
    {
        var payment = await _kit.AuthorizedAsync();

        var voided = PaymentsKit.Ok(await Payments.VoidAsync(payment.PaymentId, PaymentsKit.NewKey(), CancellationToken.None));
        var again = PaymentsKit.Ok(await Payments.VoidAsync(payment.PaymentId, PaymentsKit.NewKey(), CancellationToken.None));

        voided.ShouldBe(payment with { Status = PaymentStatus.Voided });
        again.ShouldBe(voided);
        (await _kit.ChargeOfAsync(payment.PaymentId))!.Voided.ShouldBe(1);
        (await _kit.OperationsOfAsync(payment.PaymentId)).ShouldBe(1);
        PaymentsKit.Failed(await Payments.CaptureAsync(payment.PaymentId, PaymentsKit.NewKey(), CancellationToken.None), "payment_not_capturable", ErrorKind.Conflict);
        PaymentsKit.Failed(await Payments.RefundAsync(payment.PaymentId, null, PaymentsKit.NewKey(), CancellationToken.None), "payment_not_captured", ErrorKind.Conflict);
    }

    [Fact]
    public async Task Refused_transitions_change_nothing()
    {
        var authorized = await _kit.AuthorizedAsync();
        PaymentsKit.Failed(await Payments.RefundAsync(authorized.PaymentId, 100, PaymentsKit.NewKey(), CancellationToken.None), "payment_not_captured", ErrorKind.Conflict);

        var captured = await _kit.CapturedAsync();
        PaymentsKit.Failed(await Payments.VoidAsync(captured.PaymentId, PaymentsKit.NewKey(), CancellationToken.None), "payment_captured", ErrorKind.Conflict);

        var failedRequest = PaymentsKit.Authorization(await _kit.TokenAsync(PaymentsKit.Declining));
        await _kit.AuthorizeAsync(failedRequest);
        var failedId = await _kit.ScalarTextAsync("SELECT payment_id FROM payments_payments WHERE idempotency_key = @IdempotencyKey", failedRequest);
        PaymentsKit.Failed(await Payments.CaptureAsync(failedId, PaymentsKit.NewKey(), CancellationToken.None), "payment_not_capturable", ErrorKind.Conflict);
        PaymentsKit.Ok(await Payments.VoidAsync(failedId, PaymentsKit.NewKey(), CancellationToken.None)).Status.ShouldBe(PaymentStatus.Failed);

        (await _kit.CurrentAsync(authorized.PaymentId)).ShouldBe(authorized);
        (await _kit.CurrentAsync(captured.PaymentId)).ShouldBe(captured);
        (await _kit.OperationsOfAsync(authorized.PaymentId)).ShouldBe(0);
        (await _kit.OperationsOfAsync(failedId)).ShouldBe(0);
        (await _kit.ChargeOfAsync(captured.PaymentId)).ShouldBe(new SandboxChargeRow(2_500, 2_500, 2_500, 0, 0));
    }

    [Fact]
    public async Task Partial_refunds_add_up_to_the_captured_amount_then_anything_more_is_a_422()
    {
        var payment = await _kit.CapturedAsync(1_000);

        PaymentsKit.Ok(await Payments.RefundAsync(payment.PaymentId, 300, PaymentsKit.NewKey(), CancellationToken.None))
            .ShouldBe(payment with { RefundedAmount = 300 });
        PaymentsKit.Failed(await Payments.RefundAsync(payment.PaymentId, 701, PaymentsKit.NewKey(), CancellationToken.None), "refund_exceeds_captured", ErrorKind.Unprocessable);
        PaymentsKit.Ok(await Payments.RefundAsync(payment.PaymentId, 600, PaymentsKit.NewKey(), CancellationToken.None))
            .ShouldBe(payment with { RefundedAmount = 900 });
        var refunded = PaymentsKit.Ok(await Payments.RefundAsync(payment.PaymentId, 100, PaymentsKit.NewKey(), CancellationToken.None));

        refunded.ShouldBe(payment with { Status = PaymentStatus.Refunded, RefundedAmount = 1_000 });
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(1_000, 1_000, 1_000, 1_000, 0));

        // Fully refunded: another refund, whatever its key or amount, changes nothing.
        PaymentsKit.Ok(await Payments.RefundAsync(payment.PaymentId, 1, PaymentsKit.NewKey(), CancellationToken.None)).ShouldBe(refunded);
        PaymentsKit.Ok(await Payments.RefundAsync(payment.PaymentId, null, PaymentsKit.NewKey(), CancellationToken.None)).ShouldBe(refunded);
        (await _kit.OperationsOfAsync(payment.PaymentId)).ShouldBe(4); // the capture and three refunds
        (await _kit.ChargeOfAsync(payment.PaymentId)).ShouldBe(new SandboxChargeRow(1_000, 1_000, 1_000, 1_000, 0));
    }

    [Fact]
    public async Task A_refund_without_an_amount_gives_back_what_is_left()
    {
        var payment = await _kit.CapturedAsync(1_000);
        PaymentsKit.Ok(await Payments.RefundAsync(payment.PaymentId, 250, PaymentsKit.NewKey(), CancellationToken.None));

        var refunded = PaymentsKit.Ok(await Payments.RefundAsync(payment.PaymentId, null, PaymentsKit.NewKey(), CancellationToken.None));

        refunded.Status.ShouldBe(PaymentStatus.Refunded);
        refunded.RefundedAmount.ShouldBe(1_000);
    }

    [Fact]
    public async Task An_unknown_payment_is_not_found_and_bad_keys_or_amounts_are_validation_errors()
    {
        var missing = "pay_" + Guid.NewGuid().ToString("N");
        PaymentsKit.Failed(await Payments.GetAsync(missing, CancellationToken.None), "payment_not_found", ErrorKind.NotFound);
        PaymentsKit.Failed(await Payments.CaptureAsync(missing, PaymentsKit.NewKey(), CancellationToken.None), "payment_not_found", ErrorKind.NotFound);
        PaymentsKit.Failed(await Payments.VoidAsync(missing, PaymentsKit.NewKey(), CancellationToken.None), "payment_not_found", ErrorKind.NotFound);
        PaymentsKit.Failed(await Payments.RefundAsync(missing, null, PaymentsKit.NewKey(), CancellationToken.None), "payment_not_found", ErrorKind.NotFound);

        var payment = await _kit.CapturedAsync();
        PaymentsKit.Failed(await Payments.RefundAsync(payment.PaymentId, 0, PaymentsKit.NewKey(), CancellationToken.None), "validation", ErrorKind.Validation);
        PaymentsKit.Failed(await Payments.RefundAsync(payment.PaymentId, null, " ", CancellationToken.None), "validation", ErrorKind.Validation);
        PaymentsKit.Failed(await Payments.CaptureAsync(payment.PaymentId, "", CancellationToken.None), "validation", ErrorKind.Validation);
        (await _kit.CurrentAsync(payment.PaymentId)).ShouldBe(payment);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePaymentTransitionTests(SqliteAppFixture fixture) : PaymentTransitionTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPaymentTransitionTests(PostgresAppFixture fixture) : PaymentTransitionTests(fixture);
