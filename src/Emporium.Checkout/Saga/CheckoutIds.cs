namespace Emporium.Checkout.Saga;

/// <summary>
/// Every id and idempotency key a checkout hands to another module is derived from the checkout id, so a
/// step repeated after a crash asks for the same thing again and gets the first answer, not a second effect.
/// </summary>
internal static class CheckoutIds
{
    public static string NewCheckoutId() => "chk_" + Guid.NewGuid().ToString("N");

    public static string OrderId(string checkoutId) => "ord_" + checkoutId["chk_".Length..];

    public static string Owner(string checkoutId) => "checkout:" + checkoutId;

    public static string Key(string checkoutId, string operation) => $"checkout:{checkoutId}:{operation}";
}
