namespace Emporium.Checkout.Saga;

/// <summary>
/// The checkout saga as a pure state machine: <see cref="Next"/> says which step runs now,
/// <see cref="Evolve"/> folds what a step reports. Forward: quote → reserve → coupon → authorize →
/// order → extend hold → capture → commit stock → mark paid → clear cart. After a failure, the undo
/// of every step that happened, newest first: refund → cancel order → void → return stock.
/// Adding a step is a case here and one action in the executor.
/// </summary>
internal static class CheckoutSaga
{
    public static SagaStep? Next(SagaState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.IsFinished)
        {
            return null;
        }

        return state.Failure is null ? NextForward(state) : NextCompensation(state);
    }

    private static SagaStep NextForward(SagaState state) => state switch
    {
        { Quote: null } => SagaStep.Quote,
        { ReservationId: null } => SagaStep.Reserve,
        { CouponDone: false } => SagaStep.RedeemCoupon,
        { PaymentId: null } => SagaStep.Authorize,
        { OrderId: null } => SagaStep.PlaceOrder,
        { HoldExtended: false } => SagaStep.ExtendHold,
        { Captured: false } => SagaStep.Capture,
        { StockCommitted: false } => SagaStep.CommitStock,
        { OrderPaid: false } => SagaStep.MarkOrderPaid,
        { CartCleared: false } => SagaStep.ClearCart,
        _ => SagaStep.Complete,
    };

    private static SagaStep NextCompensation(SagaState state)
    {
        if (state.Captured && !state.Refunded)
        {
            return SagaStep.Refund;
        }

        if (state.OrderId is not null && !state.OrderCancelled)
        {
            return SagaStep.CancelOrder;
        }

        // A capture that failed may still have happened at the gateway; the void step looks at the
        // payment and refunds instead if it finds it captured.
        if ((state.PaymentId is not null || state.PaymentUncertain) && !state.Captured && !state.PaymentVoided)
        {
            return SagaStep.VoidPayment;
        }

        if (state.ReservationId is not null && !state.StockReturned)
        {
            return SagaStep.ReturnStock;
        }

        return SagaStep.FinishCompensation;
    }

    public static SagaState Evolve(SagaState state, SagaEvent change)
    {
        ArgumentNullException.ThrowIfNull(state);
        return change switch
        {
            Quoted quoted => state with { Quote = quoted.Quote },
            StockReserved reserved => state with { ReservationId = reserved.ReservationId },
            CouponSkipped => state with { CouponDone = true },
            PaymentAuthorized authorized => state with { PaymentId = authorized.PaymentId },
            OrderPlaced placed => state with { OrderId = placed.OrderId },
            HoldExtended => state with { HoldExtended = true },
            PaymentCaptured => state with { Captured = true },
            StockCommitted => state with { StockCommitted = true },
            OrderPaid => state with { OrderPaid = true },
            CartCleared or ClaimSettled => state with { CartCleared = true },
            CheckoutCompleted => state with { Completed = true },
            StepFailed failed => state with { Failure = state.Failure ?? failed },
            PaymentRefunded => state with { Refunded = true },
            OrderCancelled => state with { OrderCancelled = true },
            PaymentVoided => state with { PaymentVoided = true },
            StockReturned => state with { StockReturned = true },
            CheckoutCompensated => state with { Compensated = true },
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Type, "Unknown saga event."),
        };
    }

    /// <summary>Whether <paramref name="step"/> undoes something (its failures are retried later, never compensated).</summary>
    public static bool IsCompensation(SagaStep step) => step >= SagaStep.Refund;
}
