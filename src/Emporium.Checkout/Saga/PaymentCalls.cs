using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;
using Microsoft.Extensions.Logging;

namespace Emporium.Checkout.Saga;

/// <summary>
/// The saga's payment steps. A gateway timeout is retried a few times with the same key (one effect
/// however many tries); a forward step that keeps timing out fails the checkout, a compensation that
/// does pauses until recovery tries again. Compensations look at the payment first and do what undoes
/// it as it really is: void an authorization, refund a capture, nothing for a failed or voided payment.
/// </summary>
internal sealed partial class PaymentCalls(IPayments payments, CheckoutSettings settings, ILogger<PaymentCalls> logger)
{
    public async Task<StepOutcome> AuthorizeAsync(SagaState state, CancellationToken cancellationToken)
    {
        var authorized = await WithRetriesAsync(token => payments.AuthorizeAsync(AuthorizationOf(state), token), cancellationToken);
        return authorized.IsSuccess ? new PaymentAuthorized(authorized.Value.PaymentId) : StepOutcome.Fail(SagaStep.Authorize, authorized.Error!);
    }

    public async Task<StepOutcome> CaptureAsync(SagaState state, CancellationToken cancellationToken)
    {
        var key = CheckoutIds.Key(state.CheckoutId, "capture");
        var captured = await WithRetriesAsync(token => payments.CaptureAsync(state.PaymentId!, key, token), cancellationToken);
        return captured.IsSuccess ? new PaymentCaptured() : StepOutcome.Fail(SagaStep.Capture, captured.Error!);
    }

    /// <summary>Compensation of step 6: gives the captured amount back.</summary>
    public async Task<StepOutcome> RefundAsync(SagaState state, CancellationToken cancellationToken)
    {
        var refunded = await UndoAsync(state.CheckoutId, state.PaymentId!, cancellationToken);
        return refunded is null ? new PaymentRefunded() : StepOutcome.Pause(refunded);
    }

    /// <summary>
    /// Compensation of step 4. When the authorization timed out its outcome is unknown: asking again with
    /// the same key answers what the gateway did (or does it now), and whatever exists is then undone.
    /// </summary>
    public async Task<StepOutcome> VoidAsync(SagaState state, CancellationToken cancellationToken)
    {
        var paymentId = state.PaymentId;
        if (paymentId is null)
        {
            var known = await payments.AuthorizeAsync(AuthorizationOf(state), cancellationToken);
            if (!known.IsSuccess)
            {
                return known.Error!.Kind == ErrorKind.Unavailable
                    ? StepOutcome.Pause("the gateway still does not answer the authorization")
                    : new PaymentVoided();
            }

            paymentId = known.Value.PaymentId;
        }

        var undone = await UndoAsync(state.CheckoutId, paymentId, cancellationToken);
        return undone is null ? new PaymentVoided() : StepOutcome.Pause(undone);
    }

    /// <summary>Voids or refunds the payment as it is now; null when nothing is held or charged any more, else why it could not.</summary>
    private async Task<string?> UndoAsync(string checkoutId, string paymentId, CancellationToken cancellationToken)
    {
        var reason = await UndoOnceAsync(checkoutId, paymentId, cancellationToken);

        // A void refused because the payment turned out captured (a capture whose reply was lost): refund it.
        return reason == "payment_captured" ? await UndoOnceAsync(checkoutId, paymentId, cancellationToken) : reason;
    }

    private async Task<string?> UndoOnceAsync(string checkoutId, string paymentId, CancellationToken cancellationToken)
    {
        var payment = await payments.GetAsync(paymentId, cancellationToken);
        if (!payment.IsSuccess)
        {
            return payment.Error!.Kind == ErrorKind.NotFound ? null : payment.Error.Code;
        }

        var undone = payment.Value.Status switch
        {
            PaymentStatus.Pending or PaymentStatus.Authorized =>
                await payments.VoidAsync(paymentId, CheckoutIds.Key(checkoutId, "void"), cancellationToken),
            PaymentStatus.Captured =>
                await payments.RefundAsync(paymentId, null, CheckoutIds.Key(checkoutId, "refund"), cancellationToken),
            _ => payment,
        };
        if (undone.IsSuccess && undone.Value.Status is PaymentStatus.Voided or PaymentStatus.Refunded or PaymentStatus.Failed)
        {
            return null;
        }

        var reason = undone.IsSuccess ? $"payment still {undone.Value.Status}" : undone.Error!.Code;
        LogUndoPaused(logger, paymentId, reason);
        return reason;
    }

    private static AuthorizePayment AuthorizationOf(SagaState state) => new(
        CheckoutIds.Key(state.CheckoutId, "authorize"),
        CheckoutIds.Owner(state.CheckoutId),
        state.UserId,
        state.Input.PaymentToken,
        state.Quote!.Total,
        state.Quote.Currency);

    private async Task<Result<PaymentSnapshot>> WithRetriesAsync(
        Func<CancellationToken, Task<Result<PaymentSnapshot>>> call, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await call(cancellationToken);
            if (result.IsSuccess || result.Error!.Kind != ErrorKind.Unavailable || attempt >= settings.PaymentAttempts)
            {
                return result;
            }

            // Wall-clock pauses: the gateway recovers in real time, whatever clock the shop runs on.
            await Task.Delay(settings.PaymentRetryDelay * attempt, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout compensation could not undo payment {PaymentId} yet: {Reason}")]
    private static partial void LogUndoPaused(ILogger logger, string paymentId, string reason);
}
