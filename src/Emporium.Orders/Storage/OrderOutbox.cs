using Emporium.BuildingBlocks.Messaging;
using Emporium.Contracts.Orders;
using Emporium.Orders.Model;

namespace Emporium.Orders.Storage;

/// <summary>
/// The integration events an order's event publishes, enqueued in the transaction that appends it:
/// <see cref="OrderPlaced"/> when placed, <see cref="OrderStatusChanged"/> on every later transition, and
/// <see cref="OrderCancelled"/> besides on a cancel (payments and inventory compensate on it).
/// </summary>
internal static class OrderOutbox
{
    public static async Task PublishAsync(IOutbox outbox, OrderTransaction tx, OrderRow order, OrderStatus? from, OrderEvent @event, IReadOnlyList<OrderedItem>? items = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(@event);
        if (@event is OrderEvent.Placed placed)
        {
            await outbox.EnqueueAsync(
                tx.Connection,
                tx.Transaction,
                new OrderPlaced(order.OrderId, placed.UserId, placed.Currency, placed.Total, items ?? []) { OccurredAt = @event.At },
                tx.CancellationToken);
            return;
        }

        var previous = from ?? throw new ArgumentNullException(nameof(from), "A transition has a status it leaves.");
        await outbox.EnqueueAsync(
            tx.Connection, tx.Transaction, new OrderStatusChanged(order.OrderId, order.UserId, previous, @event.Status) { OccurredAt = @event.At }, tx.CancellationToken);
        if (@event is OrderEvent.Cancelled cancelled)
        {
            await outbox.EnqueueAsync(
                tx.Connection,
                tx.Transaction,
                new OrderCancelled(order.OrderId, order.UserId, previous, order.PaymentId, order.ReservationId, cancelled.Reason) { OccurredAt = @event.At },
                tx.CancellationToken);
        }
    }
}
