using System.Text.Json;
using Emporium.Contracts.Orders;
using Emporium.Orders.Model;
using Emporium.Orders.Storage;

namespace Emporium.Orders.Viewing;

/// <summary>Turns an order's rows and events into its view; the history and shipments come from the events.</summary>
internal static class OrderViewBuilder
{
    public static OrderView Build(OrderRow row, IReadOnlyList<OrderLineRow> lines, IReadOnlyList<StoredOrderEvent> stored, bool forStaff)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(stored);
        var events = stored.Select(e => (e.Seq, Event: OrderEventCodec.Decode(e))).ToList();
        var history = events.Select(e => new OrderEventView(
            e.Seq,
            OrderTransitions.Name(e.Event.Status),
            e.Event.At,
            OrderActor.KindOf(e.Event.Actor, row.UserId),
            e.Event switch
            {
                OrderEvent.Cancelled cancelled => cancelled.Reason,
                OrderEvent.Refunded refunded => refunded.Reason,
                _ => null,
            },
            (e.Event as OrderEvent.Shipped)?.Carrier,
            (e.Event as OrderEvent.Shipped)?.TrackingNumber)
        {
            ActorId = forStaff ? e.Event.Actor : null,
        }).ToList();

        var deliveredAt = events.Select(e => e.Event).OfType<OrderEvent.Delivered>().LastOrDefault()?.At;
        var shipments = events.Select(e => e.Event).OfType<OrderEvent.Shipped>()
            .Select(s => new ShipmentView(s.Carrier, s.TrackingNumber, s.At, deliveredAt))
            .ToList();

        return new OrderView(
            row.OrderId,
            row.Status,
            DateTimeOffset.FromUnixTimeMilliseconds(row.PlacedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt),
            new OrderTotalsView(row.Subtotal, row.Shipping, row.Tax, row.Total, row.Currency),
            lines.Select(LineView).ToList(),
            JsonSerializer.Deserialize<ShippingAddress>(row.ShippingAddress, OrderRows.Json)
                ?? throw new InvalidOperationException($"Order {row.OrderId} has no shipping address."),
            history,
            shipments)
        {
            UserId = forStaff ? row.UserId : null,
            PaymentId = forStaff ? row.PaymentId : null,
            ReservationId = forStaff ? row.ReservationId : null,
        };
    }

    public static OrderLineView LineView(OrderLineRow line) => new(
        (int)line.LineNo, line.SkuId, line.ProductId, line.Title, line.SellerId,
        JsonSerializer.Deserialize<Dictionary<string, string>>(line.Attributes, OrderRows.Json) ?? [],
        (int)line.Quantity, line.UnitPrice, line.LineTotal);
}
