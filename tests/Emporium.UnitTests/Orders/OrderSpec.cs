using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Orders;
using Emporium.Orders.Model;

namespace Emporium.UnitTests.Orders;

/// <summary>
/// Given/When/Then over the order decider, with no store and no mocks: given events build the state
/// through <see cref="OrderState.Evolve"/>, the command is decided, the events compared.
/// </summary>
internal sealed class OrderSpec
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public const string Buyer = "user-1";

    private Result<IReadOnlyList<OrderEvent>> _decision;

    public OrderState State { get; private set; } = OrderState.None.Instance;

    public static OrderEvent.Placed PlacedAtT0 => new(Buyer, "chk-1", "USD", 7_300, OrderActor.Checkout, T0);

    /// <summary>The events that bring a new order to <paramref name="status"/> by the shortest path.</summary>
    public static OrderEvent[] PathTo(OrderStatus status)
    {
        var t = T0;
        OrderEvent[] toShipped = [PlacedAtT0, new OrderEvent.Paid("checkout", t), new OrderEvent.Packed("staff:s", t), new OrderEvent.Shipped(null, null, "staff:s", t)];
        return status switch
        {
            OrderStatus.Placed => toShipped[..1],
            OrderStatus.Paid => toShipped[..2],
            OrderStatus.Packed => toShipped[..3],
            OrderStatus.Shipped => toShipped,
            OrderStatus.Delivered => [.. toShipped, new OrderEvent.Delivered("staff:s", t)],
            OrderStatus.Completed => [.. toShipped, new OrderEvent.Delivered("staff:s", t), new OrderEvent.Completed("system", t)],
            OrderStatus.Cancelled => [PlacedAtT0, new OrderEvent.Cancelled("changed my mind", Buyer, t)],
            OrderStatus.Refunded => [.. toShipped, new OrderEvent.Delivered("staff:s", t), new OrderEvent.Refunded("returned", "staff:s", t)],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
    }

    public OrderSpec Given(params OrderEvent[] events)
    {
        State = State.Apply(events);
        return this;
    }

    public OrderSpec When(OrderCommand command, DateTimeOffset? at = null)
    {
        _decision = OrderDecider.Decide(command, State, at ?? T0);
        if (_decision.IsSuccess)
        {
            State = State.Apply(_decision.Value);
        }

        return this;
    }

    public OrderSpec Then(params OrderEvent[] expected)
    {
        _decision.IsSuccess.ShouldBeTrue(_decision.Error?.Message);
        _decision.Value.ShouldBe(expected);
        return this;
    }

    public OrderSpec ThenNothingChanges() => Then();

    public OrderSpec ThenRefused(string code, string? messagePart = null)
    {
        _decision.IsSuccess.ShouldBeFalse();
        _decision.Error!.Code.ShouldBe(code);
        if (messagePart is not null)
        {
            _decision.Error.Message.ShouldContain(messagePart);
        }

        return this;
    }
}
