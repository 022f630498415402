using Emporium.Contracts.Orders;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Orders;

/// <summary>
/// Orders as checkout would place them, with ids no other test uses. Payment and reservation ids are
/// fake strings: orders only store them and hand them on in <see cref="OrderCancelled"/>.
/// </summary>
internal static class OrderTestData
{
    public static readonly ShippingAddress Address = new("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH", "GB", "+44 20 7946 0000");

    /// <summary>Two lines (2 × 1,250 and 1 × 4,000), shipping 500, tax 1,300: total 7,300 USD.</summary>
    public static PlaceOrder Request(string userId, string? orderId = null)
    {
        var id = orderId ?? "ord_" + Guid.NewGuid().ToString("N");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        return new PlaceOrder(
            id,
            userId,
            "chk_" + id,
            "USD",
            [
                new OrderLineInput($"sku-mug-{suffix}", $"prod-mug-{suffix}", "Enamel mug", "seller-a", new Dictionary<string, string> { ["colour"] = "blue", ["size"] = "M" }, 2, 1_250, 2_500),
                new OrderLineInput($"sku-lamp-{suffix}", $"prod-lamp-{suffix}", "Desk lamp", "seller-b", new Dictionary<string, string>(), 1, 4_000, 4_000),
            ],
            6_500,
            500,
            300,
            7_300,
            Address,
            "pay_" + suffix,
            "res_" + suffix);
    }

    public static IOrderPlacement Placement(EmporiumApp app) => app.Services.GetRequiredService<IOrderPlacement>();

    public static async Task<OrderSnapshot> PlaceAsync(EmporiumApp app, string userId, string? orderId = null)
    {
        var placed = await Placement(app).PlaceAsync(Request(userId, orderId), CancellationToken.None);
        placed.IsSuccess.ShouldBeTrue(placed.Error?.Message);
        return placed.Value;
    }

    /// <summary>Places an order and marks it paid, as a checkout that captured the payment does.</summary>
    public static async Task<OrderSnapshot> PaidAsync(EmporiumApp app, string userId)
    {
        var order = await PlaceAsync(app, userId);
        var paid = await Placement(app).MarkPaidAsync(order.OrderId, "checkout", CancellationToken.None);
        paid.Value.Status.ShouldBe(OrderStatus.Paid);
        return paid.Value;
    }
}
