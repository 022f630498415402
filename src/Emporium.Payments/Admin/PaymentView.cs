using Emporium.Contracts.Payments;

namespace Emporium.Payments.Admin;

/// <summary>A payment as an admin sees it: status and amounts, the card by brand and last four digits; never a token.</summary>
internal sealed record PaymentView(
    string PaymentId,
    string Reference,
    string Status,
    long Amount,
    string Currency,
    long CapturedAmount,
    long RefundedAmount,
    long RefundableAmount,
    string CardBrand,
    string CardLast4,
    string? FailureCode,
    string? FailureMessage)
{
    public static PaymentView Of(PaymentSnapshot payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return new(
            payment.PaymentId,
            payment.Reference,
            payment.Status.ToString().ToLowerInvariant(),
            payment.Amount,
            payment.Currency,
            payment.CapturedAmount,
            payment.RefundedAmount,
            payment.Status == PaymentStatus.Captured ? payment.CapturedAmount - payment.RefundedAmount : 0,
            payment.CardBrand,
            payment.CardLast4,
            payment.FailureCode,
            payment.FailureMessage);
    }
}
