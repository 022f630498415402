using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Cart;
using Emporium.Contracts.FlashSales;
using Emporium.Contracts.Inventory;
using Emporium.Contracts.Orders;
using Emporium.Contracts.Pricing;

namespace Emporium.Checkout.Saga;

/// <summary>
/// The forward steps: each calls one module through its contract with an id or key derived from the
/// checkout, so running a step twice (after a crash, or by two executors) has one effect. An expected
/// failure becomes <see cref="StepFailed"/>; anything unexpected throws and leaves the saga to recovery.
/// A claim checkout (<see cref="CheckoutInput.ClaimId"/> set) quotes the claimed unit at the sale's price,
/// carves its reservation out of the sale's allotment and, at the end, marks the claim paid instead of
/// touching the cart.
/// </summary>
internal sealed class SagaSteps(
    ICheckoutCarts carts,
    IPriceQuotes prices,
    IStockReservations stock,
    IFlashSaleClaims claims,
    IOrderPlacement orders,
    PaymentCalls payments,
    CheckoutSettings settings,
    TimeProvider clock)
{
    public Task<StepOutcome> RunAsync(SagaStep step, SagaState state, CancellationToken cancellationToken) => step switch
    {
        SagaStep.Quote => QuoteAsync(state, cancellationToken),
        SagaStep.Reserve => ReserveAsync(state, cancellationToken),
        SagaStep.RedeemCoupon => Task.FromResult<StepOutcome>(new CouponSkipped()),
        SagaStep.Authorize => payments.AuthorizeAsync(state, cancellationToken),
        SagaStep.PlaceOrder => PlaceOrderAsync(state, cancellationToken),
        SagaStep.ExtendHold => ExtendHoldAsync(state, cancellationToken),
        SagaStep.Capture => payments.CaptureAsync(state, cancellationToken),
        SagaStep.CommitStock => CommitStockAsync(state, cancellationToken),
        SagaStep.MarkOrderPaid => MarkOrderPaidAsync(state, cancellationToken),
        SagaStep.ClearCart => ClearCartAsync(state, cancellationToken),
        SagaStep.Complete => Task.FromResult<StepOutcome>(new CheckoutCompleted()),
        SagaStep.Refund => payments.RefundAsync(state, cancellationToken),
        SagaStep.CancelOrder => CancelOrderAsync(state, cancellationToken),
        SagaStep.VoidPayment => payments.VoidAsync(state, cancellationToken),
        SagaStep.ReturnStock => ReturnStockAsync(state, cancellationToken),
        SagaStep.FinishCompensation => Task.FromResult<StepOutcome>(new CheckoutCompensated()),
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Unknown saga step."),
    };

    private async Task<StepOutcome> QuoteAsync(SagaState state, CancellationToken cancellationToken)
    {
        if (state.Input.ClaimId is { } claimId)
        {
            return await QuoteClaimAsync(claimId, state, cancellationToken);
        }

        var lines = await carts.GetLinesAsync(state.UserId, cancellationToken);
        if (lines.Count == 0)
        {
            return StepOutcome.Fail(SagaStep.Quote, new Error(ErrorKind.Unprocessable, "cart_empty", "The cart is empty: there is nothing to check out."));
        }

        var quote = await prices.QuoteAsync(
            new QuoteRequest([.. lines.Select(l => new QuoteLine(l.SkuId, l.Quantity))], state.Input.ShippingAddress.Country),
            cancellationToken);
        return quote.IsSuccess ? new Quoted(quote.Value) : StepOutcome.Fail(SagaStep.Quote, quote.Error!);
    }

    /// <summary>One unit at the price the sale agreed, shipped (and taxed) where the sale sells.</summary>
    private async Task<StepOutcome> QuoteClaimAsync(string claimId, SagaState state, CancellationToken cancellationToken)
    {
        var claim = await claims.GetAsync(claimId, state.UserId, cancellationToken);
        if (!claim.IsSuccess)
        {
            return StepOutcome.Fail(SagaStep.Quote, claim.Error!);
        }

        var country = state.Input.ShippingAddress.Country;
        if (!string.Equals(claim.Value.Country, country, StringComparison.OrdinalIgnoreCase))
        {
            return StepOutcome.Fail(SagaStep.Quote, new Error(
                ErrorKind.Unprocessable,
                "claim_not_deliverable",
                $"This flash sale delivers to {claim.Value.Country} only; the shipping address is in {country}. Nothing was charged."));
        }

        var quote = await prices.QuoteAsync(
            new QuoteRequest([new QuoteLine(claim.Value.SkuId, 1, claim.Value.UnitPrice)], country),
            cancellationToken);
        return quote.IsSuccess ? new Quoted(quote.Value) : StepOutcome.Fail(SagaStep.Quote, quote.Error!);
    }

    private async Task<StepOutcome> ReserveAsync(SagaState state, CancellationToken cancellationToken)
    {
        if (state.Input.ClaimId is { } claimId)
        {
            var carved = await claims.BeginCheckoutAsync(claimId, state.UserId, state.CheckoutId, settings.ReservationHold, cancellationToken);
            return carved.IsSuccess ? new StockReserved(carved.Value.ReservationId) : StepOutcome.Fail(SagaStep.Reserve, carved.Error!);
        }

        var request = new ReserveStockRequest(
            CheckoutIds.Owner(state.CheckoutId),
            CheckoutIds.Key(state.CheckoutId, "reserve"),
            [.. state.Quote!.Lines.Select(l => new ReserveStockLine(l.SkuId, l.Quantity))],
            new StockDestination(state.Input.ShippingAddress.Country),
            settings.ReservationHold);
        var reserved = await stock.ReserveAsync(request, cancellationToken);
        return reserved.IsSuccess ? new StockReserved(reserved.Value.ReservationId) : StepOutcome.Fail(SagaStep.Reserve, reserved.Error!);
    }

    private async Task<StepOutcome> PlaceOrderAsync(SagaState state, CancellationToken cancellationToken)
    {
        var quote = state.Quote!;
        var request = new PlaceOrder(
            CheckoutIds.OrderId(state.CheckoutId),
            state.UserId,
            state.CheckoutId,
            quote.Currency,
            [.. quote.Lines.Select(l => new OrderLineInput(l.SkuId, l.ProductId, l.Title, l.SellerId, l.Attributes, l.Quantity, l.UnitPrice, l.LineTotal))],
            quote.Subtotal,
            quote.Shipping,
            quote.Tax,
            quote.Total,
            state.Input.ShippingAddress,
            state.PaymentId!,
            state.ReservationId!);
        var placed = await orders.PlaceAsync(request, cancellationToken);
        return placed.IsSuccess ? new OrderPlaced(placed.Value.OrderId) : StepOutcome.Fail(SagaStep.PlaceOrder, placed.Error!);
    }

    private async Task<StepOutcome> ExtendHoldAsync(SagaState state, CancellationToken cancellationToken)
    {
        var extended = await stock.ExtendAsync(state.ReservationId!, clock.GetUtcNow() + settings.ReservationHold, cancellationToken);
        return extended.IsSuccess ? new HoldExtended() : StepOutcome.Fail(SagaStep.ExtendHold, extended.Error!);
    }

    private async Task<StepOutcome> CommitStockAsync(SagaState state, CancellationToken cancellationToken)
    {
        var committed = await stock.CommitAsync(state.ReservationId!, cancellationToken);
        return committed.IsSuccess ? new StockCommitted() : StepOutcome.Fail(SagaStep.CommitStock, committed.Error!);
    }

    private async Task<StepOutcome> MarkOrderPaidAsync(SagaState state, CancellationToken cancellationToken)
    {
        var paid = await orders.MarkPaidAsync(state.OrderId!, "checkout", cancellationToken);
        return paid.IsSuccess ? new OrderPaid() : StepOutcome.Fail(SagaStep.MarkOrderPaid, paid.Error!);
    }

    private async Task<StepOutcome> ClearCartAsync(SagaState state, CancellationToken cancellationToken)
    {
        if (state.Input.ClaimId is { } claimId)
        {
            var settled = await claims.CompleteCheckoutAsync(claimId, state.CheckoutId, state.OrderId!, cancellationToken);
            return settled.IsSuccess ? new ClaimSettled() : StepOutcome.Pause($"claim {claimId} cannot be marked paid: {settled.Error!.Code}");
        }

        var bought = state.Quote!.Lines.Select(l => new CheckoutCartLine(l.SkuId, l.Quantity)).ToList();
        await carts.RemovePurchasedAsync(state.UserId, state.CheckoutId, bought, cancellationToken);
        return new CartCleared();
    }

    /// <summary>Compensation of step 5. An order that was never written (unknown id) needs no cancelling.</summary>
    private async Task<StepOutcome> CancelOrderAsync(SagaState state, CancellationToken cancellationToken)
    {
        var cancelled = await orders.CancelAsync(state.OrderId!, state.Failure!.Error.Code, "checkout", cancellationToken);
        return cancelled.IsSuccess || cancelled.Error!.Kind == ErrorKind.NotFound
            ? new OrderCancelled()
            : StepOutcome.Pause($"order {state.OrderId} cannot be cancelled: {cancelled.Error.Code}");
    }

    /// <summary>Compensation of step 2: releases a pending reservation, or returns the units of a committed one.</summary>
    /// <remarks>A claim checkout's reservation goes back to the sale's allotment and the claim can be paid again.</remarks>
    private async Task<StepOutcome> ReturnStockAsync(SagaState state, CancellationToken cancellationToken)
    {
        if (state.Input.ClaimId is { } claimId)
        {
            var abandoned = await claims.AbandonCheckoutAsync(claimId, state.CheckoutId, cancellationToken);
            return abandoned.IsSuccess
                ? new StockReturned()
                : StepOutcome.Pause($"claim {claimId} cannot give its unit back: {abandoned.Error!.Code}");
        }

        var returned = await stock.ReturnAsync(state.ReservationId!, cancellationToken);
        return returned.IsSuccess || returned.Error!.Kind == ErrorKind.NotFound
            ? new StockReturned()
            : StepOutcome.Pause($"reservation {state.ReservationId} cannot be returned: {returned.Error.Code}");
    }
}
