namespace Emporium.Checkout.Saga;

/// <summary>
/// The saga's actions in the order they run. Forward steps first (1–6 of the design's table; step 6 is
/// split so that each part is recorded), then the compensations, each undoing one forward step.
/// </summary>
internal enum SagaStep
{
    Quote,
    Reserve,
    RedeemCoupon,
    Authorize,
    PlaceOrder,
    ExtendHold,
    Capture,
    CommitStock,
    MarkOrderPaid,
    /// <summary>Removes the bought lines from the cart; for a claim checkout, marks the claim paid.</summary>
    ClearCart,
    Complete,
    Refund,
    CancelOrder,
    VoidPayment,
    ReturnStock,
    FinishCompensation,
}
