using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Orders;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Orders;

/// <summary>
/// Changes of one order racing each other: each order ends in exactly one consistent state, its stored
/// status the fold of its events, no event twice, and the integration events match the log.
/// </summary>
public abstract class OrderConcurrencyTests(AppFixture fixture)
{
    private const int Races = 20;
    private readonly EmporiumApp _app = fixture.App;
    private readonly IOrderPlacement _orders = OrderTestData.Placement(fixture.App);

    [Fact]
    public async Task Mark_paid_racing_cancel_on_twenty_orders_leaves_each_cancelled_with_a_log_that_explains_both_answers()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var orders = new List<OrderSnapshot>();
        for (var i = 0; i < Races; i++)
        {
            orders.Add(await OrderTestData.PlaceAsync(_app, buyer.UserId));
        }

        var outcomes = await Task.WhenAll(orders.Select(async order =>
        {
            using var start = new SemaphoreSlim(0, 2);
            var pay = Task.Run(async () =>
            {
                await start.WaitAsync();
                return await _orders.MarkPaidAsync(order.OrderId, "checkout", CancellationToken.None);
            });
            var cancel = Task.Run(async () =>
            {
                await start.WaitAsync();
                return await _orders.CancelAsync(order.OrderId, "saga compensation", "checkout", CancellationToken.None);
            });
            start.Release(2);
            return (Order: order, Paid: await pay, Cancelled: await cancel);
        }));

        foreach (var (order, paid, cancelled) in outcomes)
        {
            cancelled.Value.Status.ShouldBe(OrderStatus.Cancelled, "a cancel before shipping always succeeds");
            var types = await OrderLog.TypesAsync(_app, order.OrderId);
            var published = (await OrderLog.OutboxAsync<OrderCancelled>(_app, order.OrderId)).ShouldHaveSingleItem();
            if (paid.IsSuccess)
            {
                // Paid first, then cancelled.
                paid.Value.Status.ShouldBe(OrderStatus.Paid);
                types.ShouldBe(["placed", "paid", "cancelled"]);
                published.PreviousStatus.ShouldBe(OrderStatus.Paid);
            }
            else
            {
                // Cancelled first: paying a cancelled order is refused and leaves no trace.
                paid.Error!.Code.ShouldBe("order_transition_refused");
                paid.Error.Kind.ShouldBe(ErrorKind.Conflict);
                types.ShouldBe(["placed", "cancelled"]);
                published.PreviousStatus.ShouldBe(OrderStatus.Placed);
            }

            (await OrderLog.OutboxAsync<OrderStatusChanged>(_app, order.OrderId)).Count.ShouldBe(types.Count - 1);
        }

        await OrderLog.AssertConsistentAsync(_app, orders.Select(o => o.OrderId));
    }

    [Fact]
    public async Task Concurrent_duplicates_of_one_change_append_one_event()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var order = await OrderTestData.PlaceAsync(_app, buyer.UserId);

        var paid = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _orders.MarkPaidAsync(order.OrderId, "checkout", CancellationToken.None))));
        var cancelled = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _orders.CancelAsync(order.OrderId, "twice", "checkout", CancellationToken.None))));

        paid.ShouldAllBe(r => r.IsSuccess && r.Value.Status == OrderStatus.Paid);
        cancelled.ShouldAllBe(r => r.IsSuccess && r.Value.Status == OrderStatus.Cancelled);
        (await OrderLog.TypesAsync(_app, order.OrderId)).ShouldBe(["placed", "paid", "cancelled"]);
        (await OrderLog.OutboxAsync<OrderCancelled>(_app, order.OrderId)).Count.ShouldBe(1);
        await OrderLog.AssertConsistentAsync(_app, order.OrderId);
    }

    [Fact]
    public async Task Concurrent_placings_of_one_order_make_one_order_and_answer_it_to_every_caller()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var request = OrderTestData.Request(buyer.UserId);

        var placed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _orders.PlaceAsync(request, CancellationToken.None))));

        placed.ShouldAllBe(r => r.IsSuccess);
        placed.Select(r => r.Value).Distinct().ShouldHaveSingleItem().OrderId.ShouldBe(request.OrderId);
        (await OrderLog.TypesAsync(_app, request.OrderId)).ShouldBe(["placed"]);
        (await OrderLog.CountAsync(_app, "orders_lines", request.OrderId)).ShouldBe(2);
        (await OrderLog.OutboxAsync<OrderPlaced>(_app, request.OrderId)).Count.ShouldBe(1);
        await OrderLog.AssertConsistentAsync(_app, request.OrderId);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteOrderConcurrencyTests(SqliteAppFixture fixture) : OrderConcurrencyTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresOrderConcurrencyTests(PostgresAppFixture fixture) : OrderConcurrencyTests(fixture);
