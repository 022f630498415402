using Emporium.Contracts.Orders;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Orders;

/// <summary>Every event carries the time of the host's clock (<see cref="TimeProvider"/>), and the order's times follow it.</summary>
public abstract class OrderClockTests(AppFixture fixture)
{
    [Fact]
    public async Task Events_and_the_order_carry_the_clocks_time()
    {
        var start = new DateTimeOffset(2030, 5, 17, 9, 30, 0, 123, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        await using var timed = fixture.App.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var orders = timed.Services.GetRequiredService<IOrderPlacement>();
        var buyer = await TestUsers.CustomerAsync(fixture.App);

        var placed = await orders.PlaceAsync(OrderTestData.Request(buyer.UserId), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(3));
        await orders.MarkPaidAsync(placed.Value.OrderId, "checkout", CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(2));
        await orders.CancelAsync(placed.Value.OrderId, "changed my mind", buyer.UserId, CancellationToken.None);

        placed.Value.PlacedAt.ShouldBe(start);
        (await OrderLog.EventsAsync(fixture.App, placed.Value.OrderId)).Select(e => DateTimeOffset.FromUnixTimeMilliseconds(e.OccurredAt))
            .ShouldBe([start, start.AddMinutes(3), start.AddMinutes(3).AddHours(2)]);
        (await OrderLog.RowAsync(fixture.App, placed.Value.OrderId))!.UpdatedAt.ShouldBe(start.AddMinutes(3).AddHours(2).ToUnixTimeMilliseconds());
        (await OrderLog.OutboxAsync<OrderCancelled>(fixture.App, placed.Value.OrderId)).ShouldHaveSingleItem().OccurredAt.ShouldBe(start.AddMinutes(3).AddHours(2));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteOrderClockTests(SqliteAppFixture fixture) : OrderClockTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresOrderClockTests(PostgresAppFixture fixture) : OrderClockTests(fixture);
