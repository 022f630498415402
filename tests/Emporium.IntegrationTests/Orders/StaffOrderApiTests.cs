using System.Net;
using System.Net.Http.Headers;
using Emporium.Contracts.Orders;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Orders;

/// <summary>
/// The staff API (view any order, move it along) until a fulfillment module exists, and what buyers see
/// of it: staff as an actor kind, the shipment with its carrier and tracking number, 409 after shipping.
/// </summary>
public abstract class StaffOrderApiTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task Staff_move_an_order_to_completion_and_a_return_and_the_buyer_sees_the_shipment()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var staff = await TestUsers.AdminAsync(_app);
        var order = await OrderTestData.PaidAsync(_app, buyer.UserId);

        await OrdersApi.MoveAsync(staff.Client, order.OrderId,
            new { to = "packed" },
            new { to = "shipped", carrier = "Royal Mail", trackingNumber = "RM123456789GB" },
            new { to = "delivered" });
        var shipped = await buyer.Client.GetJsonAsync($"/api/orders/{order.OrderId}");
        var returned = await OrdersApi.MoveAsync(staff.Client, order.OrderId, new { to = "completed" }, new { to = "refunded", reason = "Returned unused" });
        var asStaff = await staff.Client.GetJsonAsync($"/api/admin/orders/{order.OrderId}");

        shipped.Status().ShouldBe("delivered");
        var shipment = shipped.GetProperty("shipments").EnumerateArray().ShouldHaveSingleItem();
        (shipment.GetProperty("carrier").GetString(), shipment.GetProperty("trackingNumber").GetString()).ShouldBe(("Royal Mail", "RM123456789GB"));
        shipment.GetProperty("deliveredAt").GetDateTimeOffset().ShouldBe(shipped.GetProperty("events")[4].GetProperty("at").GetDateTimeOffset());
        shipped.History().ShouldBe([("placed", "system"), ("paid", "system"), ("packed", "staff"), ("shipped", "staff"), ("delivered", "staff")]);
        shipped.GetProperty("events")[3].GetProperty("trackingNumber").GetString().ShouldBe("RM123456789GB");

        returned.Status().ShouldBe("refunded");
        asStaff.Status().ShouldBe("refunded");
        (asStaff.GetProperty("userId").GetString(), asStaff.GetProperty("paymentId").GetString()).ShouldBe((buyer.UserId, order.PaymentId));
        asStaff.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("actorId").GetString())
            .ShouldBe(["checkout", "checkout", $"staff:{staff.UserId}", $"staff:{staff.UserId}", $"staff:{staff.UserId}", $"staff:{staff.UserId}", $"staff:{staff.UserId}"]);
        asStaff.GetProperty("events")[6].GetProperty("reason").GetString().ShouldBe("Returned unused");
        (await OrderLog.OutboxAsync<OrderStatusChanged>(_app, order.OrderId)).Select(e => e.To).ShouldBe([
            OrderStatus.Paid, OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Completed, OrderStatus.Refunded]);
        (await OrderLog.OutboxAsync<OrderCancelled>(_app, order.OrderId)).ShouldBeEmpty();
        await OrderLog.AssertConsistentAsync(_app, order.OrderId);
    }

    [Fact]
    public async Task After_shipping_a_cancel_is_409_naming_both_statuses_and_changes_nothing()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var staff = await TestUsers.AdminAsync(_app);
        var order = await OrderTestData.PaidAsync(_app, buyer.UserId);
        await OrdersApi.MoveAsync(staff.Client, order.OrderId, new { to = "packed" }, new { to = "shipped" });
        var before = await OrderLog.RowAsync(_app, order.OrderId);

        var (status, problem) = await OrdersApi.CancelAsync(buyer.Client, order.OrderId, new { reason = "Too late?" });
        var viaCheckout = await OrderTestData.Placement(_app).CancelAsync(order.OrderId, "compensation", "checkout", CancellationToken.None);

        (status, problem.Code()).ShouldBe((409, "order_transition_refused"));
        problem.GetProperty("detail").GetString()!.ShouldContain("shipped → cancelled");
        viaCheckout.Error!.Code.ShouldBe("order_transition_refused");
        (await OrderLog.RowAsync(_app, order.OrderId)).ShouldBe(before);
        (await OrderLog.TypesAsync(_app, order.OrderId)).ShouldBe(["placed", "paid", "packed", "shipped"]);
        (await OrderLog.OutboxAsync<OrderCancelled>(_app, order.OrderId)).ShouldBeEmpty();
        var shipment = (await buyer.Client.GetJsonAsync($"/api/orders/{order.OrderId}")).GetProperty("shipments").EnumerateArray().ShouldHaveSingleItem();
        shipment.TryGetProperty("carrier", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Staff_transitions_the_state_machine_does_not_allow_are_409_and_repeats_change_nothing()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var staff = await TestUsers.AdminAsync(_app);
        var order = await OrderTestData.PlaceAsync(_app, buyer.UserId);

        var (skipStatus, skip) = await OrdersApi.TransitionAsync(staff.Client, order.OrderId, new { to = "shipped" });
        var (refundStatus, refund) = await OrdersApi.TransitionAsync(staff.Client, order.OrderId, new { to = "refunded", reason = "no" });
        await OrderTestData.Placement(_app).MarkPaidAsync(order.OrderId, "checkout", CancellationToken.None);
        await OrdersApi.MoveAsync(staff.Client, order.OrderId, new { to = "packed" }, new { to = "packed" });
        var (unknownStatus, unknown) = await OrdersApi.TransitionAsync(staff.Client, $"ord_{Guid.NewGuid():N}", new { to = "packed" });

        (skipStatus, skip.Code()).ShouldBe((409, "order_transition_refused"));
        skip.GetProperty("detail").GetString()!.ShouldContain("placed → shipped");
        (refundStatus, refund.Code()).ShouldBe((409, "order_transition_refused"));
        (unknownStatus, unknown.Code()).ShouldBe((404, "order_not_found"));
        (await OrderLog.TypesAsync(_app, order.OrderId)).ShouldBe(["placed", "paid", "packed"]);
        await OrderLog.AssertConsistentAsync(_app, order.OrderId);
    }

    public static TheoryData<string, string> BadTransitions() => new()
    {
        { """{ "to": "teleported" }""", "to" },
        { """{ "to": "paid" }""", "to" },
        { """{ "to": "cancelled" }""", "to" },
        { """{ }""", "to" },
        { """{ "to": "refunded" }""", "reason" },
        { $$"""{ "to": "refunded", "reason": "{{new string('r', 501)}}" }""", "reason" },
        { """{ "to": "packed", "reason": "because" }""", "reason" },
        { """{ "to": "packed", "carrier": "DHL" }""", "carrier" },
        { $$"""{ "to": "shipped", "trackingNumber": "{{new string('9', 101)}}" }""", "trackingNumber" },
    };

    [Theory]
    [MemberData(nameof(BadTransitions))]
    public async Task A_bad_staff_transition_is_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var staff = await TestUsers.AdminAsync(_app);
        var order = await OrderTestData.PaidAsync(_app, buyer.UserId);
        var before = await OrderLog.RowAsync(_app, order.OrderId);

        using var response = await staff.Client.PostAsync(
            $"/api/admin/orders/{order.OrderId}/transitions", new StringContent(body, MediaTypeHeaderValue.Parse("application/json")));
        var problem = await response.ReadJsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, problem.ToString());
        problem.ErrorFields().ShouldContain(field);
        (await OrderLog.RowAsync(_app, order.OrderId)).ShouldBe(before);
        (await OrderLog.TypesAsync(_app, order.OrderId)).ShouldBe(["placed", "paid"]);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteStaffOrderApiTests(SqliteAppFixture fixture) : StaffOrderApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresStaffOrderApiTests(PostgresAppFixture fixture) : StaffOrderApiTests(fixture);
