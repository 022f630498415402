using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Emporium.Payments.Admin;

/// <summary><c>POST /api/admin/payments/{paymentId}/refunds</c>'s body: the amount in minor units, or nothing for all that is left.</summary>
internal sealed record RefundRequest(long? Amount);

/// <summary>An admin's view of one payment, and refunds (partial or full) with an <c>Idempotency-Key</c>.</summary>
internal static class AdminPaymentEndpoints
{
    public static async Task<IResult> Get(string paymentId, IPayments payments, CancellationToken cancellationToken)
    {
        var payment = await payments.GetAsync(paymentId, cancellationToken);
        return payment.IsSuccess ? TypedResults.Ok(PaymentView.Of(payment.Value)) : Problems.From(payment.Error!);
    }

    /// <summary>
    /// The same key answers the payment as it is now without a second refund; the same key with another
    /// amount is 422. Beyond what is left: 422 <c>refund_exceeds_captured</c>; not captured: 409.
    /// </summary>
    public static async Task<IResult> Refund(
        string paymentId,
        [FromHeader(Name = IdempotencyHeaders.Key)] string? idempotencyKey,
        RefundRequest? request,
        IPayments payments,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return Problems.From(Error.Validation(new Dictionary<string, string[]> { [IdempotencyHeaders.Key] = ["Required: a key of your choosing, the same on every retry."] }));
        }

        var refunded = await payments.RefundAsync(paymentId, request?.Amount, idempotencyKey, cancellationToken);
        return refunded.IsSuccess ? TypedResults.Ok(PaymentView.Of(refunded.Value)) : Problems.From(refunded.Error!);
    }
}
