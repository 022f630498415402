using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Orders;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Orders;

/// <summary>
/// <see cref="IOrderPlacement"/> as checkout uses it: placing is idempotent by order id (same request, same
/// order; another request, 422), marking paid and cancelling are idempotent, and every change leaves an
/// event, a projection equal to the fold of the events, and its integration events in the outbox.
/// </summary>
public abstract class OrderPlacementTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;
    private readonly IOrderPlacement _orders = OrderTestData.Placement(fixture.App);

    [Fact]
    public async Task Placing_stores_a_placed_order_with_its_lines_and_totals_one_placed_event_and_an_OrderPlaced()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var request = OrderTestData.Request(buyer.UserId);

        var placed = (await _orders.PlaceAsync(request, CancellationToken.None)).Value;

        placed.ShouldBe(new OrderSnapshot(
            request.OrderId, buyer.UserId, OrderStatus.Placed, "USD", 7_300, request.PaymentId, request.ReservationId, placed.PlacedAt));
        (await _orders.GetAsync(request.OrderId, CancellationToken.None)).Value.ShouldBe(placed);
        var events = await OrderLog.EventsAsync(_app, request.OrderId);
        events.Select(e => (e.Type, e.Actor)).ShouldBe([("placed", "checkout")]);
        events[0].OccurredAt.ShouldBe(placed.PlacedAt.ToUnixTimeMilliseconds());
        (await OrderLog.CountAsync(_app, "orders_lines", request.OrderId)).ShouldBe(2);

        var published = (await OrderLog.OutboxAsync<OrderPlaced>(_app, request.OrderId)).ShouldHaveSingleItem();
        (published.UserId, published.Currency, published.Total).ShouldBe((buyer.UserId, "USD", 7_300L));
        published.Items.ShouldBe([
            new OrderedItem(request.Lines[0].SkuId, "seller-a", 2, 2_500),
            new OrderedItem(request.Lines[1].SkuId, "seller-b", 1, 4_000),
        ]);
        published.OccurredAt.ShouldBe(placed.PlacedAt);
        (await OrderLog.OutboxAsync<OrderStatusChanged>(_app, request.OrderId)).ShouldBeEmpty();
        await OrderLog.AssertConsistentAsync(_app, request.OrderId);
    }

    [Fact]
    public async Task Placing_the_same_order_id_with_the_same_request_answers_the_same_order_and_appends_nothing()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var request = OrderTestData.Request(buyer.UserId);
        var first = (await _orders.PlaceAsync(request, CancellationToken.None)).Value;

        // The same request rebuilt, its attributes inserted in another order.
        var rebuilt = request with
        {
            Lines = request.Lines.Select(l => l with { Attributes = l.Attributes.Reverse().ToDictionary() }).ToList(),
        };
        var again = await _orders.PlaceAsync(rebuilt, CancellationToken.None);

        again.Value.ShouldBe(first);
        (await OrderLog.TypesAsync(_app, request.OrderId)).ShouldBe(["placed"]);
        (await OrderLog.OutboxAsync<OrderPlaced>(_app, request.OrderId)).Count.ShouldBe(1);
        (await OrderLog.CountAsync(_app, "orders_lines", request.OrderId)).ShouldBe(2);
    }

    [Fact]
    public async Task Placing_an_order_id_again_with_another_request_is_422_and_changes_nothing()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var request = OrderTestData.Request(buyer.UserId);
        var first = (await _orders.PlaceAsync(request, CancellationToken.None)).Value;

        var other = request with { Shipping = 600, Total = 7_400 };
        var refused = await _orders.PlaceAsync(other, CancellationToken.None);

        refused.Error!.Kind.ShouldBe(ErrorKind.Unprocessable);
        refused.Error.Code.ShouldBe("idempotency_key_reused");
        (await _orders.GetAsync(request.OrderId, CancellationToken.None)).Value.ShouldBe(first);
        (await OrderLog.TypesAsync(_app, request.OrderId)).ShouldBe(["placed"]);
    }

    [Fact]
    public async Task A_checkout_that_already_has_an_order_cannot_place_a_second_under_another_id()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var request = OrderTestData.Request(buyer.UserId);
        await _orders.PlaceAsync(request, CancellationToken.None);

        var secondId = "ord_" + Guid.NewGuid().ToString("N");
        var second = await _orders.PlaceAsync(request with { OrderId = secondId }, CancellationToken.None);

        second.Error!.Code.ShouldBe("checkout_already_ordered");
        second.Error.Kind.ShouldBe(ErrorKind.Conflict);
        (await _orders.GetAsync(request.OrderId, CancellationToken.None)).Value.Status.ShouldBe(OrderStatus.Placed);
        (await OrderLog.RowAsync(_app, secondId)).ShouldBeNull();
        (await OrderLog.CountAsync(_app, "orders_events", secondId)).ShouldBe(0);
    }

    public static TheoryData<string, string> BadRequests() => new()
    {
        { "no lines", "lines" },
        { "blank order id", "orderId" },
        { "lower-case currency", "currency" },
        { "zero quantity", "lines[0].quantity" },
        { "line total not unit price × quantity", "lines[1].lineTotal" },
        { "subtotal not the sum of the lines", "subtotal" },
        { "total not subtotal + shipping + tax", "total" },
        { "negative tax", "tax" },
        { "three-letter country", "shippingAddress.country" },
        { "blank payment id", "paymentId" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_placing_request_that_does_not_add_up_is_400_naming_the_field_and_stores_nothing(string problem, string field)
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var good = OrderTestData.Request(buyer.UserId);
        var bad = problem switch
        {
            "no lines" => good with { Lines = [] },
            "blank order id" => good with { OrderId = "  " },
            "lower-case currency" => good with { Currency = "usd" },
            "zero quantity" => good with { Lines = [good.Lines[0] with { Quantity = 0, LineTotal = 0 }, good.Lines[1]] },
            "line total not unit price × quantity" => good with { Lines = [good.Lines[0], good.Lines[1] with { LineTotal = 3_999 }] },
            "subtotal not the sum of the lines" => good with { Subtotal = 6_400, Total = 7_200 },
            "total not subtotal + shipping + tax" => good with { Total = 7_301 },
            "negative tax" => good with { Tax = -300, Total = 6_700 },
            "three-letter country" => good with { ShippingAddress = good.ShippingAddress with { Country = "GBR" } },
            "blank payment id" => good with { PaymentId = "" },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        var refused = await _orders.PlaceAsync(bad, CancellationToken.None);

        refused.Error!.Kind.ShouldBe(ErrorKind.Validation);
        refused.Error.Fields!.Keys.ShouldContain(field);
        (await OrderLog.RowAsync(_app, bad.OrderId)).ShouldBeNull();
        (await OrderLog.CountAsync(_app, "orders_events", bad.OrderId)).ShouldBe(0);
    }

    [Fact]
    public async Task Marking_paid_moves_placed_to_paid_once_and_a_repeat_changes_nothing()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var order = await OrderTestData.PlaceAsync(_app, buyer.UserId);

        var paid = await _orders.MarkPaidAsync(order.OrderId, "checkout", CancellationToken.None);
        var again = await _orders.MarkPaidAsync(order.OrderId, "checkout", CancellationToken.None);

        paid.Value.ShouldBe(order with { Status = OrderStatus.Paid });
        again.Value.ShouldBe(paid.Value);
        (await OrderLog.TypesAsync(_app, order.OrderId)).ShouldBe(["placed", "paid"]);
        (await OrderLog.OutboxAsync<OrderStatusChanged>(_app, order.OrderId)).Select(e => (e.From, e.To))
            .ShouldBe([(OrderStatus.Placed, OrderStatus.Paid)]);
        await OrderLog.AssertConsistentAsync(_app, order.OrderId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Cancelling_before_shipping_publishes_OrderCancelled_once_and_then_the_order_cannot_be_paid(bool paidFirst)
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var order = paidFirst ? await OrderTestData.PaidAsync(_app, buyer.UserId) : await OrderTestData.PlaceAsync(_app, buyer.UserId);

        var cancelled = await _orders.CancelAsync(order.OrderId, "payment capture failed", "checkout", CancellationToken.None);
        var again = await _orders.CancelAsync(order.OrderId, "payment capture failed", "checkout", CancellationToken.None);
        var pay = await _orders.MarkPaidAsync(order.OrderId, "checkout", CancellationToken.None);

        cancelled.Value.Status.ShouldBe(OrderStatus.Cancelled);
        again.Value.ShouldBe(cancelled.Value);
        pay.Error!.Code.ShouldBe("order_transition_refused");
        pay.Error.Kind.ShouldBe(ErrorKind.Conflict);
        pay.Error.Message.ShouldContain("cancelled → paid");
        (await OrderLog.TypesAsync(_app, order.OrderId)).ShouldBe(paidFirst ? ["placed", "paid", "cancelled"] : ["placed", "cancelled"]);
        var published = (await OrderLog.OutboxAsync<OrderCancelled>(_app, order.OrderId)).ShouldHaveSingleItem();
        published.ShouldBe(new OrderCancelled(
            order.OrderId, buyer.UserId, order.Status, order.PaymentId, order.ReservationId, "payment capture failed") { Id = published.Id, OccurredAt = published.OccurredAt });
        var change = (await OrderLog.OutboxAsync<OrderStatusChanged>(_app, order.OrderId)).Last();
        (change.UserId, change.From, change.To, change.OccurredAt).ShouldBe((buyer.UserId, order.Status, OrderStatus.Cancelled, published.OccurredAt));
        await OrderLog.AssertConsistentAsync(_app, order.OrderId);
    }

    [Fact]
    public async Task An_unknown_order_is_404_for_every_call_and_bad_arguments_are_400()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var order = await OrderTestData.PlaceAsync(_app, buyer.UserId);
        var unknown = "ord_" + Guid.NewGuid().ToString("N");

        (await _orders.GetAsync(unknown, CancellationToken.None)).Error!.Code.ShouldBe("order_not_found");
        (await _orders.MarkPaidAsync(unknown, "checkout", CancellationToken.None)).Error!.Code.ShouldBe("order_not_found");
        (await _orders.CancelAsync(unknown, "why", "checkout", CancellationToken.None)).Error!.Code.ShouldBe("order_not_found");
        (await _orders.MarkPaidAsync(order.OrderId, " ", CancellationToken.None)).Error!.Fields!.Keys.ShouldBe(["actor"]);
        (await _orders.CancelAsync(order.OrderId, "", "checkout", CancellationToken.None)).Error!.Fields!.Keys.ShouldBe(["reason"]);
        (await _orders.CancelAsync(order.OrderId, new string('x', 501), "checkout", CancellationToken.None)).Error!.Fields!.Keys.ShouldBe(["reason"]);

        (await OrderLog.TypesAsync(_app, order.OrderId)).ShouldBe(["placed"]);
        (await OrderLog.OutboxAsync<OrderStatusChanged>(_app, order.OrderId)).ShouldBeEmpty();
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteOrderPlacementTests(SqliteAppFixture fixture) : OrderPlacementTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresOrderPlacementTests(PostgresAppFixture fixture) : OrderPlacementTests(fixture);
