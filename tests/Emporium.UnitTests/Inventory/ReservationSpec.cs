using Emporium.BuildingBlocks.Results;
using Emporium.Inventory.Reservations.Model;

namespace Emporium.UnitTests.Inventory;

/// <summary>
/// Given/When/Then over the reservation decider, with no store and no mocks: given events build the
/// state through <see cref="ReservationState.Evolve"/>, the command is decided, the events compared.
/// </summary>
internal sealed class ReservationSpec
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Hold = TimeSpan.FromMinutes(15);
    public static readonly ReservationLines Lines = ReservationLines.Of([new("SKU-B", 2, 1), new("SKU-A", 1, 3)]);

    private ReservationState _state = ReservationState.None.Instance;
    private Result<IReadOnlyList<ReservationEvent>> _decision;

    public ReservationState State => _state;

    /// <summary>A reservation made at <see cref="T0"/> that holds <see cref="Lines"/> until T0 + <see cref="Hold"/>.</summary>
    public static ReservationEvent.Reserved ReservedAtT0 => new("checkout:42", Lines, T0 + Hold, T0);

    public ReservationSpec Given(params ReservationEvent[] events)
    {
        _state = _state.Apply(events);
        return this;
    }

    public ReservationSpec When(ReservationCommand command, DateTimeOffset? at = null)
    {
        _decision = ReservationDecider.Decide(command, _state, at ?? T0);
        if (_decision.IsSuccess)
        {
            _state = _state.Apply(_decision.Value);
        }

        return this;
    }

    public ReservationSpec Then(params ReservationEvent[] expected)
    {
        _decision.IsSuccess.ShouldBeTrue(_decision.Error?.Message);
        _decision.Value.ShouldBe(expected);
        return this;
    }

    public ReservationSpec ThenNothingChanges() => Then();

    public ReservationSpec ThenRejected(string code)
    {
        _decision.IsSuccess.ShouldBeFalse();
        _decision.Error!.Code.ShouldBe(code);
        return this;
    }
}
