using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;
using static Emporium.Payments.Payments.PaymentCommand;
using static Emporium.Payments.Payments.PaymentEvent;

namespace Emporium.Payments.Payments;

/// <summary>
/// A payment's rules as one pure function. pending → authorized | failed; authorized → captured |
/// voided; captured → refunded once the refunds reach the captured amount (a partial refund keeps it
/// captured). No events means nothing changes: that is how a repeat is answered, so voiding a voided
/// payment or refunding a refunded one is harmless whatever the key. Anything else is refused with a
/// stable code.
/// </summary>
internal static class PaymentDecider
{
    private static readonly IReadOnlyList<PaymentEvent> NoChange = [];

    public static Result<IReadOnlyList<PaymentEvent>> Decide(PaymentCommand command, PaymentState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        return (command, state.Status) switch
        {
            (RecordAuthorization a, PaymentStatus.Pending) => Ok([new Authorized(a.GatewayRef, a.CardBrand, a.CardLast4)]),
            (RecordDecline d, PaymentStatus.Pending) => Ok([new AuthorizationFailed(d.Code, d.Message, d.CardBrand, d.CardLast4)]),
            (RecordAuthorization or RecordDecline, _) => Ok(NoChange), // the first answer stands

            (Capture, PaymentStatus.Authorized) => Ok([new Captured(state.Amount)]),
            (Capture, PaymentStatus.Captured or PaymentStatus.Refunded) => Ok(NoChange),
            (Capture, _) => Errors.NotCapturable(state.Status),

            (VoidAuthorization, PaymentStatus.Authorized) => Ok([new Voided()]),
            (VoidAuthorization, PaymentStatus.Voided or PaymentStatus.Failed) => Ok(NoChange),
            (VoidAuthorization, PaymentStatus.Captured or PaymentStatus.Refunded) => Errors.Captured,
            (VoidAuthorization, _) => Errors.Pending,

            (Refund { Amount: <= 0 }, _) => Errors.RefundAmount,
            (Refund, PaymentStatus.Refunded) => Ok(NoChange),
            (Refund r, PaymentStatus.Captured) when (r.Amount ?? state.Refundable) > state.Refundable => Errors.RefundExceeds(state.Refundable),
            (Refund r, PaymentStatus.Captured) => Ok([new Refunded(r.Amount ?? state.Refundable)]),
            (Refund, _) => Errors.NotCaptured(state.Status),

            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown payment command."),
        };
    }

    public static PaymentState Evolve(PaymentState state, PaymentEvent @event) => (state.Status, @event) switch
    {
        (PaymentStatus.Pending, Authorized a) => state with { Status = PaymentStatus.Authorized, GatewayRef = a.GatewayRef, CardBrand = a.CardBrand, CardLast4 = a.CardLast4 },
        (PaymentStatus.Pending, AuthorizationFailed f) => state with
        {
            Status = PaymentStatus.Failed, FailureCode = f.Code, FailureMessage = f.Message, CardBrand = f.CardBrand, CardLast4 = f.CardLast4,
        },
        (PaymentStatus.Authorized, Captured c) => state with { Status = PaymentStatus.Captured, CapturedAmount = c.Amount },
        (PaymentStatus.Authorized, Voided) => state with { Status = PaymentStatus.Voided },
        (PaymentStatus.Captured, Refunded r) when r.Amount > 0 && r.Amount <= state.Refundable => state with
        {
            RefundedAmount = state.RefundedAmount + r.Amount,
            Status = state.RefundedAmount + r.Amount == state.CapturedAmount ? PaymentStatus.Refunded : PaymentStatus.Captured,
        },
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow a payment in state {state.Status}."),
    };

    public static PaymentState Apply(this PaymentState state, IEnumerable<PaymentEvent> events) => events.Aggregate(state, Evolve);

    // Result's implicit conversion cannot apply to an interface type, hence the explicit wrap.
    private static Result<IReadOnlyList<PaymentEvent>> Ok(IReadOnlyList<PaymentEvent> events) => Result<IReadOnlyList<PaymentEvent>>.Success(events);

    /// <summary>The expected refusals, with stable codes callers (checkout, orders, admins) branch on.</summary>
    internal static class Errors
    {
        public static readonly Error NotFound = Error.NotFound("payment_not_found", "No such payment.");

        public static readonly Error Captured = new(ErrorKind.Conflict, "payment_captured", "The payment was captured: refund it instead.");

        public static readonly Error Pending = new(
            ErrorKind.Conflict, "payment_pending", "The authorization has not finished: retry it with its idempotency key first.");

        public static readonly Error RefundAmount = Error.Validation(new Dictionary<string, string[]> { ["amount"] = ["More than zero (minor units), or left out for all that is left."] });

        public static Error NotCapturable(PaymentStatus status) =>
            new(ErrorKind.Conflict, "payment_not_capturable", $"Only an authorized payment can be captured; this one is {Name(status)}.");

        public static Error NotCaptured(PaymentStatus status) =>
            new(ErrorKind.Conflict, "payment_not_captured", $"Only a captured payment can be refunded; this one is {Name(status)}.");

        public static Error RefundExceeds(long refundable) =>
            new(ErrorKind.Unprocessable, "refund_exceeds_captured", FormattableString.Invariant($"At most {refundable} (minor units) is left to refund."));

        public static string Name(PaymentStatus status) => status.ToString().ToLowerInvariant();
    }
}
