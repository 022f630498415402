using Emporium.BuildingBlocks.Results;
using Emporium.Checkout.Saga;
using ShippingAddress = Emporium.Contracts.Orders.ShippingAddress;
using Emporium.Contracts.Pricing;

namespace Emporium.UnitTests.Checkout;

/// <summary>
/// The saga's state machine against a model of the world it changes: whatever step fails, the
/// compensations that follow undo exactly what had been done, newest first, and nothing is left held,
/// charged or open.
/// </summary>
public sealed class CheckoutSagaTests
{
    private static readonly PriceQuote Quote = new("USD", [], [], 1_000, 0, 0, 1_000, 0);

    private static SagaState Start() =>
        new("chk_1", "usr_1", new CheckoutInput(new ShippingAddress("Ada", "1 St", null, "London", null, "N1", "GB", null), "tok_1"));

    /// <summary>What the saga's steps did outside it: a tiny model of stock, payment and order.</summary>
    private sealed class World
    {
        public string Stock { get; set; } = "none";

        public string Payment { get; set; } = "none";

        public string Order { get; set; } = "none";

        public bool CartCleared { get; set; }

        public SagaEvent Apply(SagaStep step, SagaStep? failAt)
        {
            if (step == failAt)
            {
                return new StepFailed(step, new Error(ErrorKind.PaymentRequired, "card_declined", "Declined."));
            }

            switch (step)
            {
                case SagaStep.Quote: return new Quoted(Quote);
                case SagaStep.Reserve: Stock = "held"; return new StockReserved("res_1");
                case SagaStep.RedeemCoupon: return new CouponSkipped();
                case SagaStep.Authorize: Payment = "authorized"; return new PaymentAuthorized("pay_1");
                case SagaStep.PlaceOrder: Order = "placed"; return new OrderPlaced("ord_1");
                case SagaStep.ExtendHold: return new HoldExtended();
                case SagaStep.Capture: Payment = "captured"; return new PaymentCaptured();
                case SagaStep.CommitStock: Stock = "sold"; return new StockCommitted();
                case SagaStep.MarkOrderPaid: Order = "paid"; return new OrderPaid();
                case SagaStep.ClearCart: CartCleared = true; return new CartCleared();
                case SagaStep.Complete: return new CheckoutCompleted();
                case SagaStep.Refund: Payment.ShouldBe("captured"); Payment = "refunded"; return new PaymentRefunded();
                case SagaStep.CancelOrder: Order.ShouldBeOneOf("placed", "paid"); Order = "cancelled"; return new OrderCancelled();
                case SagaStep.VoidPayment: Payment.ShouldBe("authorized"); Payment = "voided"; return new PaymentVoided();
                case SagaStep.ReturnStock: Stock.ShouldBeOneOf("held", "sold"); Stock = "returned"; return new StockReturned();
                case SagaStep.FinishCompensation: return new CheckoutCompensated();
                default: throw new ArgumentOutOfRangeException(nameof(step));
            }
        }
    }

    private static (SagaState State, List<SagaStep> Steps, World World) Run(SagaStep? failAt)
    {
        var (state, steps, world) = (Start(), new List<SagaStep>(), new World());
        while (CheckoutSaga.Next(state) is { } step)
        {
            steps.Add(step);
            state = CheckoutSaga.Evolve(state, world.Apply(step, failAt));
            steps.Count.ShouldBeLessThan(40, "the saga must end");
        }

        return (state, steps, world);
    }

    [Fact]
    public void Without_a_failure_every_forward_step_runs_once_in_order_and_the_checkout_completes()
    {
        var (state, steps, world) = Run(failAt: null);

        steps.ShouldBe([
            SagaStep.Quote, SagaStep.Reserve, SagaStep.RedeemCoupon, SagaStep.Authorize, SagaStep.PlaceOrder, SagaStep.ExtendHold,
            SagaStep.Capture, SagaStep.CommitStock, SagaStep.MarkOrderPaid, SagaStep.ClearCart, SagaStep.Complete]);
        state.Completed.ShouldBeTrue();
        (world.Stock, world.Payment, world.Order, world.CartCleared).ShouldBe(("sold", "captured", "paid", true));
        CheckoutAnswers.Decide(state)!.Status.ShouldBe(201);
    }

    public static TheoryData<string> ForwardSteps() =>
        new(Enum.GetValues<SagaStep>().Where(s => s < SagaStep.Complete && s != SagaStep.RedeemCoupon).Select(s => s.ToString()));

    [Theory]
    [MemberData(nameof(ForwardSteps))]
    public void Whatever_step_fails_the_compensations_undo_exactly_what_was_done_newest_first(string failing)
    {
        var failAt = Enum.Parse<SagaStep>(failing);
        var (state, steps, world) = Run(failAt);

        state.Compensated.ShouldBeTrue();
        state.Failure!.Step.ShouldBe(failAt);
        world.Stock.ShouldBeOneOf("none", "returned");
        world.Payment.ShouldBeOneOf("none", "voided", "refunded");
        world.Order.ShouldBeOneOf("none", "cancelled");
        world.CartCleared.ShouldBeFalse("a failed checkout keeps the cart");
        var undoing = steps.SkipWhile(s => s != failAt).Skip(1).ToList();
        undoing.ShouldBe(undoing.OrderBy(s => s).ToList(), "compensations run newest step first: refund, cancel, void, return");
        undoing.Distinct().Count().ShouldBe(undoing.Count, "each compensation runs once");
        CheckoutAnswers.Decide(state)!.Status.ShouldBe(402);
    }

    [Fact]
    public void An_authorization_that_timed_out_is_voided_even_though_its_payment_id_is_unknown()
    {
        var state = Start() with { Quote = Quote, ReservationId = "res_1", CouponDone = true };
        state = CheckoutSaga.Evolve(state, new StepFailed(SagaStep.Authorize, new Error(ErrorKind.Unavailable, "gateway_unavailable", "Timed out.")));

        state.PaymentUncertain.ShouldBeTrue();
        CheckoutSaga.Next(state).ShouldBe(SagaStep.VoidPayment);
        CheckoutSaga.Next(CheckoutSaga.Evolve(state, new PaymentVoided())).ShouldBe(SagaStep.ReturnStock);
    }

    [Fact]
    public void A_decline_is_certain_so_nothing_is_voided()
    {
        var state = Start() with { Quote = Quote, ReservationId = "res_1", CouponDone = true };
        state = CheckoutSaga.Evolve(state, new StepFailed(SagaStep.Authorize, new Error(ErrorKind.PaymentRequired, "card_declined", "Declined.")));

        CheckoutSaga.Next(state).ShouldBe(SagaStep.ReturnStock);
    }

    [Fact]
    public void The_first_failure_is_the_one_the_buyer_hears()
    {
        var state = CheckoutSaga.Evolve(Start(), new StepFailed(SagaStep.Quote, new Error(ErrorKind.Unprocessable, "cart_empty", "Empty.")));
        state = CheckoutSaga.Evolve(state, new StepFailed(SagaStep.Reserve, new Error(ErrorKind.Conflict, "out_of_stock", "Gone.")));

        state.Failure!.Error.Code.ShouldBe("cart_empty");
        CheckoutSaga.Next(state).ShouldBe(SagaStep.FinishCompensation);
        CheckoutSaga.Next(CheckoutSaga.Evolve(state, new CheckoutCompensated())).ShouldBeNull();
    }
}
