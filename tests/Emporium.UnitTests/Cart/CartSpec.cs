using Emporium.BuildingBlocks;
using Emporium.BuildingBlocks.Results;
using Emporium.Cart.Model;

namespace Emporium.UnitTests.Cart;

/// <summary>
/// Given/When/Then over the cart decider, with no store and no mocks: the given events build the
/// state through <see cref="CartState.Evolve"/>, the command is decided, the events are compared.
/// </summary>
internal sealed class CartSpec
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public static readonly CartRules Rules = new(MaxQuantityPerLine: 10, Lifetime);

    private CartState _state = CartState.Empty.Instance;
    private Result<IReadOnlyList<CartEvent>> _decision;

    public CartState State => _state;

    public static Money Usd(long amount) => new(amount, "USD");

    /// <summary>A cart opened at <paramref name="at"/> holding the given lines (sku, quantity, price).</summary>
    public static CartEvent[] CartWith(DateTimeOffset at, params (string Sku, int Quantity, long Price)[] lines) =>
    [
        new CartEvent.Opened(at),
        .. lines.Select(l => new CartEvent.LineAdded(l.Sku, l.Quantity, Usd(l.Price), at, at)),
        new CartEvent.Renewed(at, at + Lifetime),
    ];

    public static CartState StateOf(params CartEvent[] events) => CartState.Empty.Instance.Apply(events);

    public CartSpec Given(params CartEvent[] events)
    {
        _state = _state.Apply(events);
        return this;
    }

    public CartSpec When(CartCommand command, DateTimeOffset? at = null)
    {
        _decision = CartDecider.Decide(command, _state, Rules, at ?? T0);
        if (_decision.IsSuccess)
        {
            _state = _state.Apply(_decision.Value);
        }

        return this;
    }

    public CartSpec Then(params CartEvent[] expected)
    {
        _decision.IsSuccess.ShouldBeTrue(_decision.Error?.Message);
        _decision.Value.ShouldBe(expected);
        return this;
    }

    public CartSpec ThenNothingChanges() => Then();

    public CartSpec ThenRejected(string field)
    {
        _decision.IsSuccess.ShouldBeFalse();
        _decision.Error!.Kind.ShouldBe(ErrorKind.Validation);
        _decision.Error.Fields!.Keys.ShouldContain(field);
        return this;
    }

    /// <summary>The resulting lines as (sku, quantity) pairs, oldest first.</summary>
    public IEnumerable<(string, int)> Lines => _state.LinesInOrder().Select(l => (l.SkuId, l.Quantity));
}
