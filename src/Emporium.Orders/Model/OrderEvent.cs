using Emporium.Contracts.Orders;

namespace Emporium.Orders.Model;

/// <summary>
/// What happened to an order: the rows of <c>orders_events</c>, the source of truth for its status.
/// Each records who did it and when.
/// </summary>
internal abstract record OrderEvent
{
    private OrderEvent()
    {
    }

    public abstract string Actor { get; init; }

    public abstract DateTimeOffset At { get; init; }

    /// <summary>The status the order has after this event.</summary>
    public abstract OrderStatus Status { get; }

    public sealed record Placed(string UserId, string CheckoutId, string Currency, long Total, string Actor, DateTimeOffset At) : OrderEvent
    {
        public override OrderStatus Status => OrderStatus.Placed;
    }

    public sealed record Paid(string Actor, DateTimeOffset At) : OrderEvent
    {
        public override OrderStatus Status => OrderStatus.Paid;
    }

    public sealed record Packed(string Actor, DateTimeOffset At) : OrderEvent
    {
        public override OrderStatus Status => OrderStatus.Packed;
    }

    public sealed record Shipped(string? Carrier, string? TrackingNumber, string Actor, DateTimeOffset At) : OrderEvent
    {
        public override OrderStatus Status => OrderStatus.Shipped;
    }

    public sealed record Delivered(string Actor, DateTimeOffset At) : OrderEvent
    {
        public override OrderStatus Status => OrderStatus.Delivered;
    }

    public sealed record Completed(string Actor, DateTimeOffset At) : OrderEvent
    {
        public override OrderStatus Status => OrderStatus.Completed;
    }

    public sealed record Cancelled(string Reason, string Actor, DateTimeOffset At) : OrderEvent
    {
        public override OrderStatus Status => OrderStatus.Cancelled;
    }

    public sealed record Refunded(string Reason, string Actor, DateTimeOffset At) : OrderEvent
    {
        public override OrderStatus Status => OrderStatus.Refunded;
    }
}
