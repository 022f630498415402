using Emporium.BuildingBlocks.Results;

namespace Emporium.Contracts.Payments;

/// <summary>
/// Payments for other modules (checkout, orders): authorize, capture, void and refund through the
/// payment gateway, each recorded on a payment with its own state machine. Every call carries an
/// idempotency key: a repeated call with the same key has one effect and answers the payment as it is now.
/// Void and refund also look at the payment's state, so voiding a voided payment or refunding what is
/// already refunded changes nothing whatever the key.
/// </summary>
public interface IPayments
{
    /// <summary>
    /// Holds <see cref="AuthorizePayment.Amount"/> on the card behind the token. Expected failures:
    /// <c>validation</c> (400), <c>payment_token_invalid</c> (422: unknown, expired or already used token),
    /// <c>card_declined</c> / <c>insufficient_funds</c> (402; the payment is recorded as failed),
    /// <c>idempotency_key_reused</c> (422), <c>gateway_unavailable</c> (503: a timeout; retry with the same key).
    /// </summary>
    Task<Result<PaymentSnapshot>> AuthorizeAsync(AuthorizePayment request, CancellationToken cancellationToken);

    /// <summary>Captures the whole authorized amount. Captured already: no change. Failures: <c>payment_not_found</c>, <c>payment_not_capturable</c> (409), <c>gateway_unavailable</c> (503).</summary>
    Task<Result<PaymentSnapshot>> CaptureAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Releases an authorization that was not captured. Voided or failed already: no change. Captured: <c>payment_captured</c> (409; refund instead).</summary>
    Task<Result<PaymentSnapshot>> VoidAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Gives back <paramref name="amount"/> (null: all that is left) of a captured payment. Beyond what is
    /// left: <c>refund_exceeds_captured</c> (422). Not captured: <c>payment_not_captured</c> (409).
    /// </summary>
    Task<Result<PaymentSnapshot>> RefundAsync(string paymentId, long? amount, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The payment as it is now; <c>payment_not_found</c> (404).</summary>
    Task<Result<PaymentSnapshot>> GetAsync(string paymentId, CancellationToken cancellationToken);
}

/// <summary>
/// Authorize <paramref name="Amount"/> (minor units of <paramref name="Currency"/>) for
/// <paramref name="Reference"/> (e.g. <c>checkout:{id}</c>) with the card token <paramref name="PaymentToken"/>.
/// </summary>
public sealed record AuthorizePayment(
    string IdempotencyKey,
    string Reference,
    string UserId,
    string PaymentToken,
    long Amount,
    string Currency);

public enum PaymentStatus
{
    Pending,
    Authorized,
    Captured,
    Refunded,
    Voided,
    Failed,
}

/// <summary>A payment as it is now. The card is known only by brand and last four digits.</summary>
public sealed record PaymentSnapshot(
    string PaymentId,
    string Reference,
    PaymentStatus Status,
    long Amount,
    string Currency,
    long CapturedAmount,
    long RefundedAmount,
    string CardBrand,
    string CardLast4,
    string? FailureCode,
    string? FailureMessage);
