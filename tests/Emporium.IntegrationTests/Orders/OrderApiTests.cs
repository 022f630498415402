using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Emporium.Contracts.Orders;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Orders;

/// <summary>
/// The buyer's order API (list, view, cancel), with two customers so that one never sees or touches the
/// other's orders.
/// </summary>
public abstract class OrderApiTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task A_buyer_sees_their_order_with_lines_totals_address_history_and_no_shipments_yet()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var order = await OrderTestData.PlaceAsync(_app, buyer.UserId);

        var view = await buyer.Client.GetJsonAsync($"/api/orders/{order.OrderId}");

        view.GetProperty("orderId").GetString().ShouldBe(order.OrderId);
        view.Status().ShouldBe("placed");
        view.GetProperty("placedAt").GetDateTimeOffset().ShouldBe(order.PlacedAt);
        var totals = view.GetProperty("totals");
        (totals.GetProperty("subtotal").GetInt64(), totals.GetProperty("shipping").GetInt64(), totals.GetProperty("tax").GetInt64(),
            totals.GetProperty("total").GetInt64(), totals.GetProperty("currency").GetString()).ShouldBe((6_500L, 500L, 300L, 7_300L, "USD"));
        var lines = view.GetProperty("lines").EnumerateArray().ToList();
        lines.Select(l => (l.GetProperty("title").GetString(), l.GetProperty("quantity").GetInt32(), l.GetProperty("unitPrice").GetInt64(), l.GetProperty("lineTotal").GetInt64()))
            .ShouldBe([("Enamel mug", 2, 1_250L, 2_500L), ("Desk lamp", 1, 4_000L, 4_000L)]);
        lines[0].GetProperty("attributes").GetProperty("colour").GetString().ShouldBe("blue");
        view.GetProperty("shippingAddress").Deserialize<ShippingAddress>(new JsonSerializerOptions(JsonSerializerDefaults.Web)).ShouldBe(OrderTestData.Address);
        view.History().ShouldBe([("placed", "system")]);
        view.GetProperty("shipments").GetArrayLength().ShouldBe(0);
        // Ids for staff only.
        view.TryGetProperty("paymentId", out _).ShouldBeFalse();
        view.TryGetProperty("userId", out _).ShouldBeFalse();
        view.GetProperty("events")[0].TryGetProperty("actorId", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_buyer_lists_only_their_own_orders_newest_first_page_by_page()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var other = await TestUsers.CustomerAsync(_app);
        var mine = new List<OrderSnapshot>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add(await OrderTestData.PlaceAsync(_app, buyer.UserId));
            await Task.Delay(5); // distinct placing times
        }

        await OrderTestData.PlaceAsync(_app, other.UserId);
        var newestFirst = mine.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.OrderId, StringComparer.Ordinal).Select(o => o.OrderId).ToList();

        var all = await buyer.Client.GetJsonAsync("/api/orders");
        var first = await buyer.Client.GetJsonAsync("/api/orders?page=1&pageSize=2");
        var second = await buyer.Client.GetJsonAsync("/api/orders?page=2&pageSize=2");

        all.GetProperty("items").Strings("orderId").ShouldBe(newestFirst);
        all.GetProperty("total").GetInt64().ShouldBe(3);
        (all.GetProperty("page").GetInt32(), all.GetProperty("pageSize").GetInt32()).ShouldBe((1, 20));
        first.GetProperty("items").Strings("orderId").Concat(second.GetProperty("items").Strings("orderId")).ShouldBe(newestFirst);
        var item = all.GetProperty("items")[0];
        (item.Status(), item.GetProperty("total").GetInt64(), item.GetProperty("currency").GetString(), item.GetProperty("itemCount").GetInt32())
            .ShouldBe(("placed", 7_300L, "USD", 3));
        item.GetProperty("placedAt").GetDateTimeOffset().ShouldBe(mine.Single(o => o.OrderId == newestFirst[0]).PlacedAt);
        (await other.Client.GetJsonAsync("/api/orders")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    [InlineData("page=abc")]
    public async Task Paging_out_of_bounds_is_400(string query)
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        using var response = await buyer.Client.GetAsync("/api/orders?" + query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Another_buyers_order_is_404_like_an_unknown_one_and_cannot_be_cancelled()
    {
        var owner = await TestUsers.CustomerAsync(_app);
        var stranger = await TestUsers.CustomerAsync(_app);
        var order = await OrderTestData.PlaceAsync(_app, owner.UserId);

        var foreign = await stranger.Client.GetJsonAsync($"/api/orders/{order.OrderId}", 404);
        var unknown = await stranger.Client.GetJsonAsync($"/api/orders/ord_{Guid.NewGuid():N}", 404);
        var (cancelStatus, cancelBody) = await OrdersApi.CancelAsync(stranger.Client, order.OrderId);

        foreign.Code().ShouldBe("order_not_found");
        unknown.Code().ShouldBe("order_not_found");
        foreign.GetProperty("detail").GetString().ShouldBe(unknown.GetProperty("detail").GetString());
        (cancelStatus, cancelBody.Code()).ShouldBe((404, "order_not_found"));
        (await OrderLog.TypesAsync(_app, order.OrderId)).ShouldBe(["placed"]);
        (await OrderLog.OutboxAsync<OrderCancelled>(_app, order.OrderId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Signed_out_callers_are_401_and_customers_cannot_use_the_staff_api()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var order = await OrderTestData.PlaceAsync(_app, buyer.UserId);

        using (var anonymous = await _app.CreateClient().GetAsync("/api/orders"))
        {
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var staffView = await buyer.Client.GetAsync($"/api/admin/orders/{order.OrderId}"))
        {
            staffView.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await OrdersApi.TransitionAsync(buyer.Client, order.OrderId, new { to = "packed" })).Status.ShouldBe(403);
        (await OrderLog.TypesAsync(_app, order.OrderId)).ShouldBe(["placed"]);
    }

    [Fact]
    public async Task A_buyer_cancels_a_placed_order_without_a_body_and_a_paid_one_with_a_reason()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var placed = await OrderTestData.PlaceAsync(_app, buyer.UserId);
        var paid = await OrderTestData.PaidAsync(_app, buyer.UserId);

        var (status1, first) = await OrdersApi.CancelAsync(buyer.Client, placed.OrderId);
        var (status2, second) = await OrdersApi.CancelAsync(buyer.Client, paid.OrderId, new { reason = "  Ordered the wrong size  " });
        var (status3, repeat) = await OrdersApi.CancelAsync(buyer.Client, paid.OrderId, new { reason = "again" });

        (status1, first.Status()).ShouldBe((200, "cancelled"));
        first.History().ShouldBe([("placed", "system"), ("cancelled", "customer")]);
        first.GetProperty("events")[1].GetProperty("reason").GetString().ShouldBe("Cancelled by the customer.");
        (status2, second.Status()).ShouldBe((200, "cancelled"));
        second.History().ShouldBe([("placed", "system"), ("paid", "system"), ("cancelled", "customer")]);
        (status3, repeat.Status()).ShouldBe((200, "cancelled"));
        repeat.GetProperty("events").GetArrayLength().ShouldBe(3);

        var cancelled = (await OrderLog.OutboxAsync<OrderCancelled>(_app, paid.OrderId)).ShouldHaveSingleItem();
        (cancelled.PreviousStatus, cancelled.PaymentId, cancelled.ReservationId, cancelled.Reason)
            .ShouldBe((OrderStatus.Paid, paid.PaymentId, paid.ReservationId, "Ordered the wrong size"));
        (await OrderLog.OutboxAsync<OrderCancelled>(_app, placed.OrderId)).ShouldHaveSingleItem().PreviousStatus.ShouldBe(OrderStatus.Placed);
        (await OrderLog.EventsAsync(_app, paid.OrderId))[^1].Actor.ShouldBe(buyer.UserId);
        await OrderLog.AssertConsistentAsync(_app, placed.OrderId, paid.OrderId);
    }

    [Theory]
    [InlineData("""{ "reason": 42 }""")]
    [InlineData("""not json""")]
    [InlineData("too long")]
    public async Task A_bad_cancel_body_is_400_and_changes_nothing(string body)
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var order = await OrderTestData.PlaceAsync(_app, buyer.UserId);
        var json = body == "too long" ? JsonSerializer.Serialize(new { reason = new string('x', 501) }) : body;

        using var response = await buyer.Client.PostAsync(
            $"/api/orders/{order.OrderId}/cancel", new StringContent(json, MediaTypeHeaderValue.Parse("application/json")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await OrderLog.TypesAsync(_app, order.OrderId)).ShouldBe(["placed"]);
        (await OrderLog.OutboxAsync<OrderCancelled>(_app, order.OrderId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_order_carries_an_ETag_that_answers_304_until_the_order_changes()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var order = await OrderTestData.PlaceAsync(_app, buyer.UserId);
        using var first = await buyer.Client.GetAsync($"/api/orders/{order.OrderId}");
        var tag = first.Headers.ETag!;

        using var unchanged = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{order.OrderId}");
        unchanged.Headers.IfNoneMatch.Add(tag);
        using var notModified = await buyer.Client.SendAsync(unchanged);
        await OrdersApi.CancelAsync(buyer.Client, order.OrderId);
        using var changed = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{order.OrderId}");
        changed.Headers.IfNoneMatch.Add(tag);
        using var modified = await buyer.Client.SendAsync(changed);

        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        modified.StatusCode.ShouldBe(HttpStatusCode.OK);
        modified.Headers.ETag.ShouldNotBe(tag);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteOrderApiTests(SqliteAppFixture fixture) : OrderApiTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresOrderApiTests(PostgresAppFixture fixture) : OrderApiTests(fixture);
