using Emporium.BuildingBlocks.Results;

namespace Emporium.Contracts.Orders;

/// <summary>
/// What checkout may do to orders. Every call is idempotent: placing an order id that exists answers it
/// as it is (422 <c>idempotency_key_reused</c> if the request differs), marking a paid order paid or
/// cancelling a cancelled one changes nothing. Each change appends to the order's event log and to the
/// outbox in one transaction.
/// </summary>
public interface IOrderPlacement
{
    /// <summary>Creates the order in status <c>placed</c>.</summary>
    Task<Result<OrderSnapshot>> PlaceAsync(PlaceOrder request, CancellationToken cancellationToken);

    /// <summary><c>placed → paid</c>. Any other status: <c>order_transition_refused</c> (409).</summary>
    Task<Result<OrderSnapshot>> MarkPaidAsync(string orderId, string actor, CancellationToken cancellationToken);

    /// <summary>Cancels an order that has not shipped (compensation); <c>order_transition_refused</c> (409) after shipping.</summary>
    Task<Result<OrderSnapshot>> CancelAsync(string orderId, string reason, string actor, CancellationToken cancellationToken);

    /// <summary>The order as it is now; <c>order_not_found</c> (404).</summary>
    Task<Result<OrderSnapshot>> GetAsync(string orderId, CancellationToken cancellationToken);
}

/// <summary>
/// A new order: its id (chosen by checkout, derived from the checkout id, so a retry finds it), who buys,
/// the priced lines, totals in minor units, where it goes, and the payment and stock reservation behind it.
/// </summary>
public sealed record PlaceOrder(
    string OrderId,
    string UserId,
    string CheckoutId,
    string Currency,
    IReadOnlyList<OrderLineInput> Lines,
    long Subtotal,
    long Shipping,
    long Tax,
    long Total,
    ShippingAddress ShippingAddress,
    string PaymentId,
    string ReservationId);

public sealed record OrderLineInput(
    string SkuId,
    string ProductId,
    string Title,
    string SellerId,
    IReadOnlyDictionary<string, string> Attributes,
    int Quantity,
    long UnitPrice,
    long LineTotal);

/// <summary>A postal address; <paramref name="Country"/> is ISO 3166-1 alpha-2.</summary>
public sealed record ShippingAddress(
    string Name,
    string Line1,
    string? Line2,
    string City,
    string? Region,
    string PostalCode,
    string Country,
    string? Phone);

public enum OrderStatus
{
    Placed,
    Paid,
    Packed,
    Shipped,
    Delivered,
    Completed,
    Cancelled,
    Refunded,
}

/// <summary>An order's status and the ids other modules need (its payment and reservation).</summary>
public sealed record OrderSnapshot(
    string OrderId,
    string UserId,
    OrderStatus Status,
    string Currency,
    long Total,
    string PaymentId,
    string ReservationId,
    DateTimeOffset PlacedAt);
