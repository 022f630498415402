using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;
using Emporium.Payments.Gateway;
using Emporium.Payments.Storage;
using Microsoft.Extensions.Logging;
using static Emporium.Payments.Payments.PaymentEvent;

namespace Emporium.Payments.Payments;

/// <summary>
/// <see cref="IPayments"/>: every change is load, decide, ask the gateway, record. An authorization
/// records its pending payment first, so a crash between the gateway's answer and the record leaves a
/// pending payment that a retry with the same key finishes: the gateway key is derived from the
/// payment's key, so the gateway makes the retry one effect. A timeout changes nothing here.
/// </summary>
internal sealed class PaymentService(
    PaymentsWriter writer, KeyedLocks locks, IPaymentGateway gateway, TimeProvider clock, ILogger<PaymentService> logger) : IPayments
{
    public async Task<Result<PaymentSnapshot>> AuthorizeAsync(AuthorizePayment request, CancellationToken cancellationToken)
    {
        if (PaymentRequestRules.Validate(request) is { } invalid)
        {
            return invalid;
        }

        var now = Now();
        var fingerprint = PaymentRequestRules.Fingerprint(request);
        var started = await writer.RunAsync(
            (connection, transaction) => PaymentStore.StartAsync(
                connection,
                transaction,
                new Payment(NewPaymentId(), request.Reference, request.UserId, request.IdempotencyKey, fingerprint, request.Currency, PaymentState.Pending(request.Amount), now, now),
                cancellationToken),
            cancellationToken);
        if (started.Fingerprint != fingerprint)
        {
            return Errors.KeyReused;
        }

        await using var held = await HeldPayment.HoldAsync(writer, locks, started.PaymentId, null, cancellationToken);
        var payment = held.Payment ?? throw new InvalidOperationException($"Payment {started.PaymentId} vanished.");
        if (payment.State.Status != PaymentStatus.Pending)
        {
            return Answer(payment);
        }

        var answer = await gateway.AuthorizeAsync(request.PaymentToken, request.Amount, request.Currency, GatewayKeys.Authorize(request.IdempotencyKey), cancellationToken);
        PaymentCommand command;
        switch (answer)
        {
            case AuthorizationAnswer.Authorized authorized:
                command = new PaymentCommand.RecordAuthorization(authorized.GatewayRef, authorized.Card.Brand, authorized.Card.Last4);
                break;
            case AuthorizationAnswer.Declined declined:
                command = new PaymentCommand.RecordDecline(declined.Code, declined.Message, declined.Card.Brand, declined.Card.Last4);
                break;
            default:
                logger.LogWarning("Payment {PaymentId}: the gateway did not answer the authorization in time; it stays pending", payment.PaymentId);
                return Errors.Unavailable;
        }

        var next = payment.State.Apply(PaymentDecider.Decide(command, payment.State).Value);
        await held.SaveAsync(next, null, Now(), cancellationToken);
        return Answer(payment with { State = next });
    }

    public Task<Result<PaymentSnapshot>> CaptureAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(paymentId, idempotencyKey, OperationKind.Capture, PaymentCommand.Capture.Instance, null, cancellationToken);

    public Task<Result<PaymentSnapshot>> VoidAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(paymentId, idempotencyKey, OperationKind.Void, PaymentCommand.VoidAuthorization.Instance, null, cancellationToken);

    public Task<Result<PaymentSnapshot>> RefundAsync(string paymentId, long? amount, string idempotencyKey, CancellationToken cancellationToken) =>
        OperateAsync(paymentId, idempotencyKey, OperationKind.Refund, new PaymentCommand.Refund(amount), amount, cancellationToken);

    public async Task<Result<PaymentSnapshot>> GetAsync(string paymentId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(paymentId) || paymentId.Length > PaymentRequestRules.MaxTextLength)
        {
            return PaymentDecider.Errors.NotFound;
        }

        await using var connection = await writer.Database.OpenAsync(cancellationToken);
        var payment = await PaymentStore.GetAsync(connection, null, paymentId, forUpdate: false, cancellationToken);
        return payment is null ? PaymentDecider.Errors.NotFound : payment.ToSnapshot();
    }

    /// <summary>
    /// One operation; and when the gateway refuses a void because it holds the charge captured, the
    /// capture happened but its reply was lost (every retry of it timed out too). Asking for the capture
    /// again under its gateway key makes the gateway answer the capture it made; it is recorded here, so
    /// the caller's void is refused as for any captured payment and a refund can follow.
    /// </summary>
    private async Task<Result<PaymentSnapshot>> OperateAsync(
        string paymentId, string idempotencyKey, OperationKind kind, PaymentCommand command, long? amount, CancellationToken cancellationToken)
    {
        var result = await OperateOnceAsync(paymentId, idempotencyKey, kind, command, amount, cancellationToken);
        if (result.Error?.Code != Errors.CapturedAtGateway.Code)
        {
            return result;
        }

        logger.LogWarning("Payment {PaymentId}: the gateway holds it captured; recording the capture whose reply was lost", paymentId);
        var reconciled = await OperateOnceAsync(
            paymentId, "reconcile-capture:" + paymentId, OperationKind.Capture, PaymentCommand.Capture.Instance, null, cancellationToken);
        return reconciled.IsSuccess ? PaymentDecider.Errors.Captured : reconciled;
    }

    private async Task<Result<PaymentSnapshot>> OperateOnceAsync(
        string paymentId, string idempotencyKey, OperationKind kind, PaymentCommand command, long? amount, CancellationToken cancellationToken)
    {
        if (PaymentRequestRules.ValidateOperation(paymentId, idempotencyKey, amount) is { } invalid)
        {
            return invalid;
        }

        await using var held = await HeldPayment.HoldAsync(writer, locks, paymentId, idempotencyKey, cancellationToken);
        if (held.Payment is not { } payment)
        {
            return PaymentDecider.Errors.NotFound;
        }

        if (await held.FindOperationAsync(idempotencyKey, cancellationToken) is { } done)
        {
            return Replay(done, payment, kind, amount);
        }

        var decided = PaymentDecider.Decide(command, payment.State);
        if (!decided.IsSuccess)
        {
            return decided.Error!;
        }

        if (decided.Value is not [var change])
        {
            return payment.ToSnapshot(); // nothing to do: captured, voided or refunded already
        }

        var operation = new PaymentOperation(idempotencyKey, paymentId, kind, change switch { Captured c => c.Amount, Refunded r => r.Amount, _ => 0 });
        if (!await held.ClaimAsync(operation, Now(), cancellationToken))
        {
            return Replay((await held.FindOperationAsync(idempotencyKey, cancellationToken))!, payment, kind, amount);
        }

        var gatewayRef = payment.State.GatewayRef ?? throw new InvalidOperationException($"Payment {paymentId} has no gateway reference.");
        var answer = change switch
        {
            Captured c => await gateway.CaptureAsync(gatewayRef, c.Amount, GatewayKeys.Capture(paymentId), cancellationToken),
            Voided => await gateway.VoidAsync(gatewayRef, GatewayKeys.Void(paymentId), cancellationToken),
            Refunded r => await gateway.RefundAsync(gatewayRef, r.Amount, GatewayKeys.Refund(paymentId, idempotencyKey), cancellationToken),
            _ => throw new InvalidOperationException($"{change.GetType().Name} is not a gateway operation."),
        };
        switch (answer)
        {
            case OperationAnswer.TimedOut:
                logger.LogWarning("Payment {PaymentId}: the gateway did not answer a {Kind} in time; nothing recorded", paymentId, kind);
                return Errors.Unavailable;
            case OperationAnswer.Refused { Code: "charge_captured" } when change is Voided:
                return Errors.CapturedAtGateway;
            case OperationAnswer.Refused refused:
                logger.LogError("Payment {PaymentId}: the gateway refused a {Kind}: {Code}", paymentId, kind, refused.Code);
                return Errors.GatewayRefused(refused);
        }

        var next = payment.State.Apply(decided.Value);
        await held.SaveAsync(next, operation, Now(), cancellationToken);
        return (payment with { State = next }).ToSnapshot();
    }

    /// <summary>A key used before: the payment as it is now, if the key was used for this very operation.</summary>
    private static Result<PaymentSnapshot> Replay(PaymentOperation done, Payment payment, OperationKind kind, long? amount) =>
        done.PaymentId == payment.PaymentId && done.Kind == kind && (amount is null || amount == done.Amount)
            ? payment.ToSnapshot()
            : Errors.KeyReused;

    /// <summary>A failed authorization answers its failure again, to the first caller and to every repeat.</summary>
    private static Result<PaymentSnapshot> Answer(Payment payment) =>
        payment.State.Status == PaymentStatus.Failed
            ? new Error(
                payment.State.FailureCode == "payment_token_invalid" ? ErrorKind.Unprocessable : ErrorKind.PaymentRequired,
                payment.State.FailureCode ?? "card_declined",
                payment.State.FailureMessage ?? "The card was declined.")
            : payment.ToSnapshot();

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());

    private static string NewPaymentId() => "pay_" + Guid.CreateVersion7().ToString("N");

    internal static class Errors
    {
        public static readonly Error KeyReused = new(
            ErrorKind.Unprocessable, "idempotency_key_reused", "This idempotency key was used for a different payment request.");

        public static readonly Error Unavailable = new(
            ErrorKind.Unavailable, "gateway_unavailable", "The payment gateway did not answer in time. Retry with the same idempotency key: it will not take effect twice.");

        /// <summary>Internal: the gateway says captured where our record says authorized (see <see cref="OperateAsync"/>).</summary>
        public static readonly Error CapturedAtGateway = new(
            ErrorKind.Conflict, "payment_captured_at_gateway", "The gateway holds this payment captured.");

        public static Error GatewayRefused(OperationAnswer.Refused refused) =>
            new(ErrorKind.Conflict, "gateway_refused", $"The payment gateway refused: {refused.Message} ({refused.Code})");
    }
}

/// <summary>
/// The keys the gateway sees, derived from ours: the same request always reaches it under the same key.
/// A payment is captured and voided at most once, so those keys need only the payment; refunds may be many.
/// </summary>
internal static class GatewayKeys
{
    public static string Authorize(string idempotencyKey) => "authorize:" + idempotencyKey;

    public static string Capture(string paymentId) => "capture:" + paymentId;

    public static string Void(string paymentId) => "void:" + paymentId;

    public static string Refund(string paymentId, string idempotencyKey) => $"refund:{paymentId}:{idempotencyKey}";
}
