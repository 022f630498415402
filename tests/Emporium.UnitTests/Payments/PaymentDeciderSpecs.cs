using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;
using Emporium.Payments.Payments;
using static Emporium.Payments.Payments.PaymentCommand;
using static Emporium.Payments.Payments.PaymentEvent;

namespace Emporium.UnitTests.Payments;

public sealed class PaymentDeciderSpecs
{
    private static readonly RecordAuthorization Approve = new("ch_1", "visa", "4242");
    private static readonly RecordDecline Decline = new("card_declined", "The card was declined.", "visa", "0002");

    [Fact]
    public void A_pending_payment_becomes_authorized_with_the_gateway_reference_and_card()
    {
        var spec = new PaymentSpec().When(Approve).Then(new Authorized("ch_1", "visa", "4242"));
        spec.State.ShouldBe(new PaymentState(PaymentStatus.Authorized, PaymentSpec.Amount, 0, 0, "ch_1", "visa", "4242", null, null));
    }

    [Fact]
    public void A_pending_payment_that_is_declined_fails_with_the_code_and_message()
    {
        var spec = new PaymentSpec().When(Decline).Then(new AuthorizationFailed("card_declined", "The card was declined.", "visa", "0002"));
        spec.State.Status.ShouldBe(PaymentStatus.Failed);
        spec.State.FailureCode.ShouldBe("card_declined");
    }

    [Fact]
    public void The_first_answer_of_the_gateway_stands()
    {
        new PaymentSpec().Given(PaymentSpec.Authorized).When(Decline).ThenNothingChanges();
        new PaymentSpec().Given(new AuthorizationFailed("insufficient_funds", "No.", "visa", "9995")).When(Approve).ThenNothingChanges();
    }

    [Fact]
    public void An_authorized_payment_is_captured_whole_and_a_second_capture_changes_nothing()
    {
        var spec = new PaymentSpec().Given(PaymentSpec.Authorized).When(Capture.Instance).Then(new Captured(PaymentSpec.Amount));
        spec.State.Status.ShouldBe(PaymentStatus.Captured);
        spec.State.CapturedAmount.ShouldBe(PaymentSpec.Amount);
        spec.When(Capture.Instance).ThenNothingChanges();
    }

    [Theory]
    [InlineData(PaymentStatus.Pending)]
    [InlineData(PaymentStatus.Voided)]
    [InlineData(PaymentStatus.Failed)]
    public void Only_an_authorized_payment_can_be_captured(PaymentStatus status) =>
        new PaymentSpec().Given(EventsTo(status)).When(Capture.Instance).ThenRejected("payment_not_capturable", ErrorKind.Conflict);

    [Fact]
    public void An_authorized_payment_is_voided_and_voiding_it_again_changes_nothing()
    {
        var spec = new PaymentSpec().Given(PaymentSpec.Authorized).When(VoidAuthorization.Instance).Then(new Voided());
        spec.State.Status.ShouldBe(PaymentStatus.Voided);
        spec.When(VoidAuthorization.Instance).ThenNothingChanges();
    }

    [Fact]
    public void Voiding_a_failed_payment_changes_nothing() =>
        new PaymentSpec().Given(EventsTo(PaymentStatus.Failed)).When(VoidAuthorization.Instance).ThenNothingChanges();

    [Theory]
    [InlineData(PaymentStatus.Captured)]
    [InlineData(PaymentStatus.Refunded)]
    public void A_captured_payment_cannot_be_voided(PaymentStatus status) =>
        new PaymentSpec().Given(EventsTo(status)).When(VoidAuthorization.Instance).ThenRejected("payment_captured", ErrorKind.Conflict);

    [Fact]
    public void A_pending_payment_cannot_be_voided_before_its_authorization_finishes() =>
        new PaymentSpec().When(VoidAuthorization.Instance).ThenRejected("payment_pending", ErrorKind.Conflict);

    [Fact]
    public void Partial_refunds_keep_the_payment_captured_until_they_reach_the_captured_amount()
    {
        var spec = new PaymentSpec().Given(PaymentSpec.Authorized, PaymentSpec.Captured);
        spec.When(new Refund(3_000)).Then(new Refunded(3_000));
        spec.State.Status.ShouldBe(PaymentStatus.Captured);
        spec.State.RefundedAmount.ShouldBe(3_000);
        spec.State.Refundable.ShouldBe(7_000);

        spec.When(new Refund(7_001)).ThenRejected("refund_exceeds_captured", ErrorKind.Unprocessable);
        spec.State.RefundedAmount.ShouldBe(3_000);

        spec.When(new Refund(7_000)).Then(new Refunded(7_000));
        spec.State.Status.ShouldBe(PaymentStatus.Refunded);
        spec.State.RefundedAmount.ShouldBe(PaymentSpec.Amount);
    }

    [Fact]
    public void A_refund_without_an_amount_gives_back_all_that_is_left()
    {
        var spec = new PaymentSpec().Given(PaymentSpec.Authorized, PaymentSpec.Captured, new Refunded(2_500));
        spec.When(new Refund(null)).Then(new Refunded(7_500));
        spec.State.Status.ShouldBe(PaymentStatus.Refunded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1L)]
    public void Refunding_a_fully_refunded_payment_changes_nothing_whatever_the_amount(long? amount) =>
        new PaymentSpec().Given(EventsTo(PaymentStatus.Refunded)).When(new Refund(amount)).ThenNothingChanges();

    [Theory]
    [InlineData(PaymentStatus.Pending)]
    [InlineData(PaymentStatus.Authorized)]
    [InlineData(PaymentStatus.Voided)]
    [InlineData(PaymentStatus.Failed)]
    public void Only_a_captured_payment_can_be_refunded(PaymentStatus status) =>
        new PaymentSpec().Given(EventsTo(status)).When(new Refund(100)).ThenRejected("payment_not_captured", ErrorKind.Conflict);

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void A_refund_of_nothing_or_less_is_bad_input(long amount) =>
        new PaymentSpec().Given(EventsTo(PaymentStatus.Captured)).When(new Refund(amount)).ThenRejected("validation", ErrorKind.Validation);

    [Fact]
    public void An_event_that_cannot_follow_the_state_is_a_bug_and_throws()
    {
        Should.Throw<InvalidOperationException>(() => PaymentDecider.Evolve(PaymentState.Pending(100), new Captured(100)));
        Should.Throw<InvalidOperationException>(() => new PaymentState(PaymentStatus.Captured, 100, 100, 0, "ch", "visa", "4242", null, null).Apply([new Refunded(101)]));
    }

    private static PaymentEvent[] EventsTo(PaymentStatus status) => status switch
    {
        PaymentStatus.Pending => [],
        PaymentStatus.Authorized => [PaymentSpec.Authorized],
        PaymentStatus.Captured => [PaymentSpec.Authorized, PaymentSpec.Captured],
        PaymentStatus.Refunded => [PaymentSpec.Authorized, PaymentSpec.Captured, new Refunded(PaymentSpec.Amount)],
        PaymentStatus.Voided => [PaymentSpec.Authorized, new Voided()],
        PaymentStatus.Failed => [new AuthorizationFailed("card_declined", "No.", "visa", "0002")],
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
