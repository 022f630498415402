namespace Emporium.Orders.Model;

/// <summary>
/// Who changed an order, as events record it: the customer's user id, <c>checkout</c>, <c>system</c>,
/// or <c>staff:{userId}</c>. Buyers see only the kind, never a staff member's id.
/// </summary>
internal static class OrderActor
{
    public const string Checkout = "checkout";
    public const string System = "system";
    public const int MaxLength = 200;
    private const string StaffPrefix = "staff:";

    public static string Staff(string userId) => StaffPrefix + userId;

    /// <summary><c>customer</c> (the order's own buyer), <c>staff</c>, or <c>system</c> (checkout, payments, jobs).</summary>
    public static string KindOf(string actor, string orderUserId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.Equals(actor, orderUserId, StringComparison.Ordinal))
        {
            return "customer";
        }

        return actor.StartsWith(StaffPrefix, StringComparison.Ordinal) ? "staff" : "system";
    }
}
