using System.Text.Json;
using Emporium.Orders.Model;

namespace Emporium.Orders.Storage;

/// <summary>One row of <c>orders_events</c>: the event's type, its own fields as JSON, who and when.</summary>
internal sealed record StoredOrderEvent(int Seq, string Type, string Payload, string Actor, long OccurredAt);

/// <summary>
/// Turns events into rows and back. The type names are stored, so they are a contract with every
/// order ever written: rename a record freely, never a type name.
/// </summary>
internal static class OrderEventCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static StoredOrderEvent Encode(int seq, OrderEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        object payload = @event switch
        {
            OrderEvent.Placed placed => new PlacedPayload(placed.UserId, placed.CheckoutId, placed.Currency, placed.Total),
            OrderEvent.Shipped shipped => new ShippedPayload(shipped.Carrier, shipped.TrackingNumber),
            OrderEvent.Cancelled cancelled => new ReasonPayload(cancelled.Reason),
            OrderEvent.Refunded refunded => new ReasonPayload(refunded.Reason),
            _ => new EmptyPayload(),
        };
        return new StoredOrderEvent(
            seq, OrderTransitions.Name(@event.Status), JsonSerializer.Serialize(payload, payload.GetType(), Json), @event.Actor, @event.At.ToUnixTimeMilliseconds());
    }

    public static OrderEvent Decode(StoredOrderEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(row.OccurredAt);
        return row.Type switch
        {
            "placed" => Read<PlacedPayload>(row).ToEvent(row.Actor, at),
            "paid" => new OrderEvent.Paid(row.Actor, at),
            "packed" => new OrderEvent.Packed(row.Actor, at),
            "shipped" => Read<ShippedPayload>(row).ToEvent(row.Actor, at),
            "delivered" => new OrderEvent.Delivered(row.Actor, at),
            "completed" => new OrderEvent.Completed(row.Actor, at),
            "cancelled" => new OrderEvent.Cancelled(Read<ReasonPayload>(row).Reason, row.Actor, at),
            "refunded" => new OrderEvent.Refunded(Read<ReasonPayload>(row).Reason, row.Actor, at),
            _ => throw new InvalidOperationException($"Unknown stored order event type '{row.Type}'."),
        };
    }

    private static T Read<T>(StoredOrderEvent row) =>
        JsonSerializer.Deserialize<T>(row.Payload, Json) ?? throw new InvalidOperationException($"Order event {row.Seq} ({row.Type}) has no payload.");

    private sealed record PlacedPayload(string UserId, string CheckoutId, string Currency, long Total)
    {
        public OrderEvent.Placed ToEvent(string actor, DateTimeOffset at) => new(UserId, CheckoutId, Currency, Total, actor, at);
    }

    private sealed record ShippedPayload(string? Carrier, string? TrackingNumber)
    {
        public OrderEvent.Shipped ToEvent(string actor, DateTimeOffset at) => new(Carrier, TrackingNumber, actor, at);
    }

    private sealed record ReasonPayload(string Reason);

    private sealed record EmptyPayload;
}
