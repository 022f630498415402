using Emporium.Contracts.Orders;

namespace Emporium.Orders.Viewing;

/// <summary>
/// An order as its buyer (or staff) sees it: lines, totals, where it goes, its status and the history it
/// is the fold of. <see cref="UserId"/>, <see cref="PaymentId"/> and <see cref="ReservationId"/> are
/// shown to staff only (null, so omitted, for the buyer).
/// </summary>
internal sealed record OrderView(
    string OrderId,
    string Status,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt,
    OrderTotalsView Totals,
    IReadOnlyList<OrderLineView> Lines,
    ShippingAddress ShippingAddress,
    IReadOnlyList<OrderEventView> Events,
    IReadOnlyList<ShipmentView> Shipments)
{
    public string? UserId { get; init; }

    public string? PaymentId { get; init; }

    public string? ReservationId { get; init; }
}

internal sealed record OrderTotalsView(long Subtotal, long Shipping, long Tax, long Total, string Currency);

internal sealed record OrderLineView(
    int LineNo, string SkuId, string ProductId, string Title, string SellerId, IReadOnlyDictionary<string, string> Attributes, int Quantity, long UnitPrice, long LineTotal);

/// <summary>
/// One entry of the history. <see cref="Actor"/> is a kind — <c>customer</c>, <c>staff</c> or <c>system</c> —
/// so a buyer never sees staff ids; <see cref="ActorId"/> is the recorded actor, for staff only.
/// </summary>
internal sealed record OrderEventView(int Seq, string Type, DateTimeOffset At, string Actor, string? Reason, string? Carrier, string? TrackingNumber)
{
    public string? ActorId { get; init; }
}

/// <summary>A parcel on its way: from a <c>shipped</c> event until a fulfillment module records shipments of its own.</summary>
internal sealed record ShipmentView(string? Carrier, string? TrackingNumber, DateTimeOffset ShippedAt, DateTimeOffset? DeliveredAt);

/// <summary>One order in the buyer's list.</summary>
internal sealed record OrderSummaryView(string OrderId, string Status, long Total, string Currency, DateTimeOffset PlacedAt, int ItemCount);

internal sealed record OrderPage(IReadOnlyList<OrderSummaryView> Items, int Page, int PageSize, long Total);
