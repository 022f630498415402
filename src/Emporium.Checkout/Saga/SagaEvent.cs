using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Pricing;

namespace Emporium.Checkout.Saga;

/// <summary>
/// What happened to a checkout, one record per saga step. The saga's state is the fold of these
/// (<see cref="CheckoutSaga.Evolve"/>); each is stored in <c>checkout_saga_events</c> as it happens.
/// </summary>
internal abstract record SagaEvent
{
    /// <summary>The stored name of the event: the step it records.</summary>
    public string Type => GetType().Name;
}

internal sealed record Quoted(PriceQuote Quote) : SagaEvent;

internal sealed record StockReserved(string ReservationId) : SagaEvent;

/// <summary>Step 3's place: coupons arrive with a later issue, so for now the step records that there was none.</summary>
internal sealed record CouponSkipped : SagaEvent;

internal sealed record PaymentAuthorized(string PaymentId) : SagaEvent;

internal sealed record OrderPlaced(string OrderId) : SagaEvent;

/// <summary>The reservation's hold was renewed right before capture, so a commit after capture finds it pending.</summary>
internal sealed record HoldExtended : SagaEvent;

internal sealed record PaymentCaptured : SagaEvent;

internal sealed record StockCommitted : SagaEvent;

internal sealed record OrderPaid : SagaEvent;

internal sealed record CartCleared : SagaEvent;

/// <summary>A claim checkout's last step in place of clearing the cart: the flash-sale claim is paid.</summary>
internal sealed record ClaimSettled : SagaEvent;

/// <summary>The saga finished forward: the buyer's answer is 201.</summary>
internal sealed record CheckoutCompleted : SagaEvent;

/// <summary>
/// A step failed for a business reason (or kept timing out): from here the saga only undoes. The error is
/// what the buyer hears (for out-of-stock, its fields name the SKUs).
/// </summary>
internal sealed record StepFailed(SagaStep Step, Error Error) : SagaEvent;

internal sealed record PaymentRefunded : SagaEvent;

internal sealed record OrderCancelled : SagaEvent;

internal sealed record PaymentVoided : SagaEvent;

/// <summary>The reservation is undone, whatever it had become (pending → released, committed → returned).</summary>
internal sealed record StockReturned : SagaEvent;

/// <summary>Every compensation ran: nothing of this checkout is held, charged or open.</summary>
internal sealed record CheckoutCompensated : SagaEvent;
