using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Pricing;

namespace Emporium.Checkout.Saga;

/// <summary>
/// A checkout as the fold of its events: what each step has done so far. Ids of what the saga created
/// (reservation, payment, order) are recorded the moment a step succeeds, so recovery knows what to
/// drive forward or undo.
/// </summary>
internal sealed record SagaState(string CheckoutId, string UserId, CheckoutInput Input)
{
    public PriceQuote? Quote { get; init; }

    public string? ReservationId { get; init; }

    public bool CouponDone { get; init; }

    public string? PaymentId { get; init; }

    public string? OrderId { get; init; }

    public bool HoldExtended { get; init; }

    public bool Captured { get; init; }

    public bool StockCommitted { get; init; }

    public bool OrderPaid { get; init; }

    /// <summary>The cart's bought lines are removed — or, for a claim checkout, the claim is marked paid.</summary>
    public bool CartCleared { get; init; }

    public bool Completed { get; init; }

    /// <summary>Set by the first failed step; from then on the saga only compensates.</summary>
    public StepFailed? Failure { get; init; }

    public bool Refunded { get; init; }

    public bool OrderCancelled { get; init; }

    public bool PaymentVoided { get; init; }

    public bool StockReturned { get; init; }

    public bool Compensated { get; init; }

    public bool IsFinished => Completed || Compensated;

    /// <summary>
    /// The authorization timed out, so it may or may not exist at the gateway: compensation asks again
    /// with the same idempotency key to learn which, and voids what it finds.
    /// </summary>
    public bool PaymentUncertain => PaymentId is null && Failure is { Step: SagaStep.Authorize, Error.Kind: ErrorKind.Unavailable };
}

/// <summary>
/// What the buyer asked for: where to ship, which card token to charge, and — to pay a flash-sale claim
/// instead of the cart — which claim.
/// </summary>
internal sealed record CheckoutInput(Contracts.Orders.ShippingAddress ShippingAddress, string PaymentToken)
{
    /// <summary>
    /// The flash-sale claim this checkout pays; null for a cart checkout. Left out of the stored JSON when
    /// null, so a cart checkout's fingerprint is what it was before claims existed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? ClaimId { get; init; }
}
