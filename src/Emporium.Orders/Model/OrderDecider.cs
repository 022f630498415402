using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Orders;
using static Emporium.Orders.Model.OrderCommand;
using static Emporium.Orders.Model.OrderEvent;

namespace Emporium.Orders.Model;

/// <summary>
/// The order's rules as one pure function. No events means nothing changes: asking for the status the
/// order already has (mark paid when paid, cancel when cancelled) is answered that way, so every
/// command is idempotent by order id; any other move outside <see cref="OrderTransitions"/> is refused.
/// </summary>
internal static class OrderDecider
{
    private static readonly IReadOnlyList<OrderEvent> NoChange = [];

    public static Result<IReadOnlyList<OrderEvent>> Decide(OrderCommand command, OrderState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        return (command, state) switch
        {
            (Place place, OrderState.None) => Ok([new Placed(place.UserId, place.CheckoutId, place.Currency, place.Total, place.Actor, now)]),
            (Place, OrderState.Existing) => Ok(NoChange), // a repeated placing: the store answers the order it made
            (_, OrderState.None) => Errors.NotFound,
            (_, OrderState.Existing existing) => Move(command, existing.Status, now),
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown order state."),
        };
    }

    /// <summary>The status a command moves an order to.</summary>
    public static OrderStatus TargetOf(OrderCommand command) => command switch
    {
        Place => OrderStatus.Placed,
        MarkPaid => OrderStatus.Paid,
        Pack => OrderStatus.Packed,
        Ship => OrderStatus.Shipped,
        Deliver => OrderStatus.Delivered,
        Complete => OrderStatus.Completed,
        Cancel => OrderStatus.Cancelled,
        Refund => OrderStatus.Refunded,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown order command."),
    };

    private static Result<IReadOnlyList<OrderEvent>> Move(OrderCommand command, OrderStatus from, DateTimeOffset now)
    {
        var to = TargetOf(command);
        if (to == from)
        {
            return Ok(NoChange);
        }

        if (!OrderTransitions.Allows(from, to))
        {
            return Errors.TransitionRefused(from, to);
        }

        OrderEvent @event = command switch
        {
            MarkPaid paid => new Paid(paid.Actor, now),
            Pack pack => new Packed(pack.Actor, now),
            Ship ship => new Shipped(ship.Carrier, ship.TrackingNumber, ship.Actor, now),
            Deliver deliver => new Delivered(deliver.Actor, now),
            Complete complete => new Completed(complete.Actor, now),
            Cancel cancel => new Cancelled(cancel.Reason, cancel.Actor, now),
            Refund refund => new Refunded(refund.Reason, refund.Actor, now),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Not a transition."),
        };
        return Ok([@event]);
    }

    // Result's implicit conversion cannot apply to an interface type, hence the explicit wrap.
    private static Result<IReadOnlyList<OrderEvent>> Ok(IReadOnlyList<OrderEvent> events) => Result<IReadOnlyList<OrderEvent>>.Success(events);

    /// <summary>The expected failures, with stable codes callers branch on.</summary>
    internal static class Errors
    {
        public const string TransitionRefusedCode = "order_transition_refused";

        public static readonly Error NotFound = Error.NotFound("order_not_found", "No such order.");

        public static Error TransitionRefused(OrderStatus from, OrderStatus to) => new(
            ErrorKind.Conflict,
            TransitionRefusedCode,
            $"An order that is {OrderTransitions.Name(from)} cannot become {OrderTransitions.Name(to)} ({OrderTransitions.Name(from)} → {OrderTransitions.Name(to)}). Nothing changed.");
    }
}
