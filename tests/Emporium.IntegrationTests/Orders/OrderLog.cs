using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks.Messaging;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.Orders.Model;
using Emporium.Orders.Storage;

namespace Emporium.IntegrationTests.Orders;

/// <summary>
/// What the database holds for an order — its event log, its projection row, its outbox messages — read
/// with plain SQL, and the invariant every order must keep: its stored status is the fold of its events.
/// </summary>
internal static class OrderLog
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The moves the state machine allows, written out here independently of the production table.</summary>
    private static readonly HashSet<(string From, string To)> Allowed =
    [
        ("placed", "paid"), ("paid", "packed"), ("packed", "shipped"), ("shipped", "delivered"), ("delivered", "completed"),
        ("placed", "cancelled"), ("paid", "cancelled"), ("packed", "cancelled"),
        ("delivered", "refunded"), ("completed", "refunded"),
    ];

    public sealed record Row(string Status, long Version, long UpdatedAt);

    public static async Task<List<StoredOrderEvent>> EventsAsync(EmporiumApp app, string orderId)
    {
        await using var connection = await app.Database.OpenAsync();
        return (await connection.QueryAsync<(long Seq, string Type, string Payload, string Actor, long OccurredAt)>(
                "SELECT seq, type, payload, actor, occurred_at FROM orders_events WHERE order_id = @orderId ORDER BY seq", new { orderId }))
            .Select(e => new StoredOrderEvent((int)e.Seq, e.Type, e.Payload, e.Actor, e.OccurredAt))
            .ToList();
    }

    public static async Task<List<string>> TypesAsync(EmporiumApp app, string orderId) => (await EventsAsync(app, orderId)).Select(e => e.Type).ToList();

    public static async Task<Row?> RowAsync(EmporiumApp app, string orderId)
    {
        await using var connection = await app.Database.OpenAsync();
        return (await connection.QueryAsync<(string Status, long Version, long UpdatedAt)>(
                "SELECT status, version, updated_at FROM orders_orders WHERE order_id = @orderId", new { orderId }))
            .Select(r => new Row(r.Status, r.Version, r.UpdatedAt))
            .SingleOrDefault();
    }

    public static async Task<long> CountAsync(EmporiumApp app, string table, string orderId)
    {
        await using var connection = await app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE order_id = @orderId", new { orderId });
    }

    /// <summary>The order's integration events of type <typeparamref name="T"/> in the outbox, in the order they were enqueued.</summary>
    public static async Task<List<T>> OutboxAsync<T>(EmporiumApp app, string orderId)
        where T : IntegrationEvent
    {
        await using var connection = await app.Database.OpenAsync();
        var payloads = await connection.QueryAsync<string>(
            "SELECT payload FROM outbox_messages WHERE type = @type ORDER BY seq", new { type = typeof(T).FullName });
        return payloads
            .Where(p => JsonDocument.Parse(p).RootElement.GetProperty("orderId").GetString() == orderId)
            .Select(p => JsonSerializer.Deserialize<T>(p, Web)!)
            .ToList();
    }

    /// <summary>
    /// For each order: events numbered 1..n without gaps, a log that starts with <c>placed</c> and only
    /// makes allowed moves, a stored status equal to the last event's (the fold) and to the production
    /// fold, and a version equal to the number of events.
    /// </summary>
    public static async Task AssertConsistentAsync(EmporiumApp app, params IEnumerable<string> orderIds)
    {
        foreach (var orderId in orderIds)
        {
            var events = await EventsAsync(app, orderId);
            var row = await RowAsync(app, orderId);
            row.ShouldNotBeNull($"order {orderId} has no row");
            events.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, events.Count), $"order {orderId}'s events are numbered 1..n");
            events[0].Type.ShouldBe("placed");
            for (var i = 1; i < events.Count; i++)
            {
                Allowed.ShouldContain((events[i - 1].Type, events[i].Type), $"order {orderId}: {events[i - 1].Type} → {events[i].Type}");
            }

            row.Status.ShouldBe(events[^1].Type, $"order {orderId}'s stored status is the fold of its events");
            var folded = (OrderState.Existing)OrderState.Fold(events.Select(OrderEventCodec.Decode));
            OrderTransitions.Name(folded.Status).ShouldBe(row.Status);
            row.Version.ShouldBe(events.Count);
        }
    }
}
