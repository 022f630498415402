using Emporium.Contracts.Orders;

namespace Emporium.Orders.Model;

/// <summary>
/// The order's state machine as data: placed → paid → packed → shipped → delivered → completed;
/// cancelled before shipping; refunded (a return) after delivery. Nothing leaves cancelled or refunded.
/// </summary>
internal static class OrderTransitions
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Next = new()
    {
        [OrderStatus.Placed] = [OrderStatus.Paid, OrderStatus.Cancelled],
        [OrderStatus.Paid] = [OrderStatus.Packed, OrderStatus.Cancelled],
        [OrderStatus.Packed] = [OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        [OrderStatus.Delivered] = [OrderStatus.Completed, OrderStatus.Refunded],
        [OrderStatus.Completed] = [OrderStatus.Refunded],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Refunded] = [],
    };

    public static bool Allows(OrderStatus from, OrderStatus to) => Next[from].Contains(to);

    /// <summary>The stable lowercase name a status is stored and shown under.</summary>
    public static string Name(OrderStatus status) => status switch
    {
        OrderStatus.Placed => "placed",
        OrderStatus.Paid => "paid",
        OrderStatus.Packed => "packed",
        OrderStatus.Shipped => "shipped",
        OrderStatus.Delivered => "delivered",
        OrderStatus.Completed => "completed",
        OrderStatus.Cancelled => "cancelled",
        OrderStatus.Refunded => "refunded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown order status."),
    };

    public static bool TryParse(string? name, out OrderStatus status)
    {
        foreach (var candidate in Next.Keys)
        {
            if (string.Equals(Name(candidate), name, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static OrderStatus Parse(string name) =>
        TryParse(name, out var status) ? status : throw new InvalidOperationException($"Unknown stored order status '{name}'.");
}
