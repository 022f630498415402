using Emporium.Contracts.Orders;

namespace Emporium.Orders.Model;

/// <summary>An order's state as its events fold to it: a closed hierarchy, changed only by <see cref="Evolve"/>.</summary>
internal abstract record OrderState
{
    private OrderState()
    {
    }

    /// <summary>No such order yet.</summary>
    public sealed record None : OrderState
    {
        public static readonly None Instance = new();
    }

    /// <summary>An order in <see cref="Status"/>, after <see cref="Version"/> events.</summary>
    public sealed record Existing(OrderStatus Status, int Version) : OrderState;

    public static OrderState Fold(IEnumerable<OrderEvent> events) => None.Instance.Apply(events);

    public OrderState Apply(IEnumerable<OrderEvent> events) => events.Aggregate(this, Evolve);

    public static OrderState Evolve(OrderState state, OrderEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return (state, @event) switch
        {
            (None, OrderEvent.Placed) => new Existing(OrderStatus.Placed, 1),
            (Existing existing, not OrderEvent.Placed) when OrderTransitions.Allows(existing.Status, @event.Status) =>
                new Existing(@event.Status, existing.Version + 1),
            _ => throw new InvalidOrderTransitionException(state, @event),
        };
    }
}

/// <summary>An event that cannot follow the state it was applied to: a bug in a decision or a corrupt log, never user input.</summary>
internal sealed class InvalidOrderTransitionException(OrderState state, OrderEvent @event)
    : InvalidOperationException($"{@event.GetType().Name} cannot follow an order in state {state}.");
