using Emporium.Contracts.Payments;

namespace Emporium.Payments.Payments;

/// <summary>
/// What the rules need to know about a payment. Amounts are minor units: <see cref="CapturedAmount"/> is
/// all of <see cref="Amount"/> once captured, <see cref="RefundedAmount"/> grows with each refund up to it.
/// </summary>
internal sealed record PaymentState(
    PaymentStatus Status,
    long Amount,
    long CapturedAmount,
    long RefundedAmount,
    string? GatewayRef,
    string CardBrand,
    string CardLast4,
    string? FailureCode,
    string? FailureMessage)
{
    /// <summary>A payment just recorded, before the gateway has answered (or after it timed out).</summary>
    public static PaymentState Pending(long amount) => new(PaymentStatus.Pending, amount, 0, 0, null, string.Empty, string.Empty, null, null);

    /// <summary>What a refund may still give back.</summary>
    public long Refundable => CapturedAmount - RefundedAmount;
}
