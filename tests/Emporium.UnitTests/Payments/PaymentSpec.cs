using Emporium.BuildingBlocks.Results;
using Emporium.Payments.Payments;

namespace Emporium.UnitTests.Payments;

/// <summary>Given/When/Then over the payment decider, with no store, gateway or mocks.</summary>
internal sealed class PaymentSpec
{
    public const long Amount = 10_000;

    private PaymentState _state = PaymentState.Pending(Amount);
    private Result<IReadOnlyList<PaymentEvent>> _decision;

    public PaymentState State => _state;

    public static PaymentEvent.Authorized Authorized => new("ch_1", "visa", "4242");

    public static PaymentEvent.Captured Captured => new(Amount);

    public PaymentSpec Given(params PaymentEvent[] events)
    {
        _state = _state.Apply(events);
        return this;
    }

    public PaymentSpec When(PaymentCommand command)
    {
        _decision = PaymentDecider.Decide(command, _state);
        if (_decision.IsSuccess)
        {
            _state = _state.Apply(_decision.Value);
        }

        return this;
    }

    public PaymentSpec Then(params PaymentEvent[] expected)
    {
        _decision.IsSuccess.ShouldBeTrue(_decision.Error?.Message);
        _decision.Value.ShouldBe(expected);
        return this;
    }

    public PaymentSpec ThenNothingChanges() => Then();

    public PaymentSpec ThenRejected(string code, ErrorKind kind)
    {
        _decision.IsSuccess.ShouldBeFalse();
        _decision.Error!.Code.ShouldBe(code);
        _decision.Error.Kind.ShouldBe(kind);
        return this;
    }
}
