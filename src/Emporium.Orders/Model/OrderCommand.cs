namespace Emporium.Orders.Model;

/// <summary>What someone asks of one order. <see cref="Actor"/> is who asks: a user id, <c>checkout</c>, <c>system</c> or <c>staff:{id}</c>.</summary>
internal abstract record OrderCommand
{
    private OrderCommand()
    {
    }

    public abstract string Actor { get; init; }

    /// <summary>Create the order (checkout, once it holds stock and an authorized payment).</summary>
    public sealed record Place(string UserId, string CheckoutId, string Currency, long Total, string Actor) : OrderCommand;

    /// <summary>The payment was captured.</summary>
    public sealed record MarkPaid(string Actor) : OrderCommand;

    public sealed record Pack(string Actor) : OrderCommand;

    /// <summary>Handed to a carrier; the carrier and tracking number are optional until fulfillment exists.</summary>
    public sealed record Ship(string? Carrier, string? TrackingNumber, string Actor) : OrderCommand;

    public sealed record Deliver(string Actor) : OrderCommand;

    /// <summary>The return window closed: the sale is final.</summary>
    public sealed record Complete(string Actor) : OrderCommand;

    /// <summary>Called off before shipping (by the customer, or by checkout compensating).</summary>
    public sealed record Cancel(string Reason, string Actor) : OrderCommand;

    /// <summary>Returned after delivery (staff).</summary>
    public sealed record Refund(string Reason, string Actor) : OrderCommand;
}
