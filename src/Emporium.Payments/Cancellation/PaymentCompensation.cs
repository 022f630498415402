using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;
using Emporium.Payments.Storage;
using Microsoft.Extensions.Logging;

namespace Emporium.Payments.Cancellation;

/// <summary>
/// Gives back the payment of each cancelled order: voids it if authorized, refunds what is left if
/// captured, and does nothing otherwise. The keys derive from the order, so a repeat (another pass, another
/// instance, a crash before the request was marked done) is one effect. A gateway timeout, or a payment
/// still pending, is tried again later, less often each time.
/// </summary>
internal sealed class PaymentCompensation(IPayments payments, PaymentsWriter writer, TimeProvider clock, ILogger<PaymentCompensation> logger)
{
    public const int MaxAttempts = 30;
    private const int BatchSize = 50;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    public static string VoidKey(string orderId) => $"order-cancelled:{orderId}:void";

    public static string RefundKey(string orderId) => $"order-cancelled:{orderId}:refund";

    /// <summary>One pass over every request due now; answers how many it finished.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var finished = 0;
        IReadOnlyList<CancellationRequest> due;
        do
        {
            await using (var connection = await writer.Database.OpenAsync(cancellationToken))
            {
                due = await CancellationRequests.DueAsync(connection, clock.GetUtcNow().ToUnixTimeMilliseconds(), BatchSize, cancellationToken);
            }

            foreach (var request in due)
            {
                if (await RunAsync(request, cancellationToken))
                {
                    finished++;
                }
            }
        }
        while (due.Count == BatchSize);

        return finished;
    }

    private async Task<bool> RunAsync(CancellationRequest request, CancellationToken cancellationToken)
    {
        var (outcome, error) = await CompensateAsync(request, cancellationToken);
        var now = clock.GetUtcNow();
        if (outcome is null && request.Attempts + 1 >= MaxAttempts)
        {
            logger.LogError("Giving up on giving back payment {PaymentId} of cancelled order {OrderId} after {Attempts} attempts: {Code}", request.PaymentId, request.OrderId, MaxAttempts, error);
            outcome = "gave_up:" + error;
        }

        await writer.RunAsync(
            (connection, transaction) => outcome is null
                ? CancellationRequests.RetryAsync(connection, transaction, request.OrderId, (now + Backoff(request.Attempts)).ToUnixTimeMilliseconds(), cancellationToken)
                : CancellationRequests.DoneAsync(connection, transaction, request.OrderId, outcome, now.ToUnixTimeMilliseconds(), cancellationToken),
            cancellationToken);
        return outcome is not null;
    }

    /// <summary>The outcome when done; null and why when it is to be tried again.</summary>
    private async Task<(string? Outcome, string? Error)> CompensateAsync(CancellationRequest request, CancellationToken cancellationToken)
    {
        var payment = await payments.GetAsync(request.PaymentId, cancellationToken);
        if (!payment.IsSuccess)
        {
            logger.LogWarning("Cancelled order {OrderId} names payment {PaymentId}, which does not exist", request.OrderId, request.PaymentId);
            return ("payment_not_found", null);
        }

        Result<PaymentSnapshot> result;
        switch (payment.Value.Status)
        {
            case PaymentStatus.Authorized:
                result = await payments.VoidAsync(request.PaymentId, VoidKey(request.OrderId), cancellationToken);
                break;
            case PaymentStatus.Captured:
                result = await payments.RefundAsync(request.PaymentId, null, RefundKey(request.OrderId), cancellationToken);
                break;
            case PaymentStatus.Pending:
                // Its authorization has not finished; whoever started it retries it, and then this can act.
                return (null, "payment_pending");
            default:
                return ("nothing_to_do", null);
        }

        if (result.IsSuccess)
        {
            logger.LogInformation("Payment {PaymentId} of cancelled order {OrderId} is now {Status}", request.PaymentId, request.OrderId, result.Value.Status);
            return (result.Value.Status.ToString().ToLowerInvariant(), null);
        }

        // Unavailable: the gateway timed out. Anything else: the payment changed meanwhile; the next pass sees how.
        logger.LogWarning("Giving back payment {PaymentId} of cancelled order {OrderId} failed ({Code}); will retry", request.PaymentId, request.OrderId, result.Error!.Code);
        return (null, result.Error.Code);
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts, 20))));
}
