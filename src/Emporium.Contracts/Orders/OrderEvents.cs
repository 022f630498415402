using Emporium.BuildingBlocks.Messaging;

namespace Emporium.Contracts.Orders;

/// <summary>An order was created (status <c>placed</c>). Published by orders through the outbox.</summary>
public sealed record OrderPlaced(
    string OrderId,
    string UserId,
    string Currency,
    long Total,
    IReadOnlyList<OrderedItem> Items) : IntegrationEvent;

/// <summary>A SKU and quantity on an order, with its seller (for sellers' analytics and fulfillment).</summary>
public sealed record OrderedItem(string SkuId, string SellerId, int Quantity, long LineTotal);

/// <summary>An order moved from <paramref name="From"/> to <paramref name="To"/> (every transition after placing).</summary>
public sealed record OrderStatusChanged(string OrderId, string UserId, OrderStatus From, OrderStatus To) : IntegrationEvent;

/// <summary>
/// An order was cancelled before shipping. Payments voids or refunds <paramref name="PaymentId"/>;
/// inventory releases <paramref name="ReservationId"/> or, when it was already committed, returns its units
/// to stock. Both are idempotent, so a saga that compensated itself first loses nothing.
/// </summary>
public sealed record OrderCancelled(
    string OrderId,
    string UserId,
    OrderStatus PreviousStatus,
    string PaymentId,
    string ReservationId,
    string Reason) : IntegrationEvent;
