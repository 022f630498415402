using Emporium.Contracts.Orders;
using Emporium.Orders.Model;

namespace Emporium.Orders.Storage;

/// <summary>A row of <c>orders_orders</c>, the projection queries read.</summary>
internal sealed class OrderRow
{
    /// <summary>The columns in the order <see cref="OrderRow"/> reads them, for every SELECT of an order.</summary>
    public const string Columns = """
        order_id AS OrderId, user_id AS UserId, checkout_id AS CheckoutId, status AS Status, currency AS Currency,
        subtotal AS Subtotal, shipping AS Shipping, tax AS Tax, total AS Total, shipping_address AS ShippingAddress,
        payment_id AS PaymentId, reservation_id AS ReservationId, request AS Request, placed_at AS PlacedAt,
        updated_at AS UpdatedAt, version AS Version
        """;

    public string OrderId { get; init; } = string.Empty;

    public string UserId { get; init; } = string.Empty;

    public string CheckoutId { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public string Currency { get; init; } = string.Empty;

    public long Subtotal { get; init; }

    public long Shipping { get; init; }

    public long Tax { get; init; }

    public long Total { get; init; }

    public string ShippingAddress { get; init; } = string.Empty;

    public string PaymentId { get; init; } = string.Empty;

    public string ReservationId { get; init; } = string.Empty;

    public string Request { get; init; } = string.Empty;

    public long PlacedAt { get; init; }

    public long UpdatedAt { get; init; }

    public long Version { get; init; }

    public OrderStatus ParsedStatus => OrderTransitions.Parse(Status);

    public OrderSnapshot ToSnapshot() => ToSnapshot(ParsedStatus);

    public OrderSnapshot ToSnapshot(OrderStatus status) =>
        new(OrderId, UserId, status, Currency, Total, PaymentId, ReservationId, DateTimeOffset.FromUnixTimeMilliseconds(PlacedAt));
}

/// <summary>A row of <c>orders_lines</c>.</summary>
internal sealed class OrderLineRow
{
    /// <summary>Selected only where lines of several orders are read at once.</summary>
    public string OrderId { get; init; } = string.Empty;

    public long LineNo { get; init; }

    public string SkuId { get; init; } = string.Empty;

    public string ProductId { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string SellerId { get; init; } = string.Empty;

    public string Attributes { get; init; } = "{}";

    public long Quantity { get; init; }

    public long UnitPrice { get; init; }

    public long LineTotal { get; init; }
}
