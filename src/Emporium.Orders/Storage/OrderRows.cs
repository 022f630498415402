using System.Data;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Contracts.Orders;

namespace Emporium.Orders.Storage;

/// <summary>Orders in <c>orders_orders</c>, <c>orders_lines</c> and <c>orders_events</c>.</summary>
internal static class OrderRows
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Loads an order's projection row; <paramref name="forUpdate"/> holds it on PostgreSQL so that changes
    /// of one order queue behind each other (a SQLite write transaction already excludes every other writer).
    /// </summary>
    public static Task<OrderRow?> LoadAsync(
        Database database, DbConnection connection, DbTransaction? transaction, string orderId, bool forUpdate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var lockRow = forUpdate && database.IsPostgres ? " FOR UPDATE" : string.Empty;
        return connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            $"SELECT {OrderRow.Columns} FROM orders_orders WHERE order_id = @orderId{lockRow}", new { orderId }, transaction, cancellationToken: cancellationToken));
    }

    public static async Task<IReadOnlyList<StoredOrderEvent>> EventsAsync(
        DbConnection connection, DbTransaction? transaction, string orderId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<EventRow>(new CommandDefinition(
            "SELECT seq AS Seq, type AS Type, payload AS Payload, actor AS Actor, occurred_at AS OccurredAt FROM orders_events WHERE order_id = @orderId ORDER BY seq",
            new { orderId },
            transaction,
            cancellationToken: cancellationToken)))
        .Select(r => new StoredOrderEvent((int)r.Seq, r.Type, r.Payload, r.Actor, r.OccurredAt))
        .ToList();

    public static async Task<IReadOnlyList<OrderLineRow>> LinesAsync(DbConnection connection, string orderId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<OrderLineRow>(new CommandDefinition(
            """
            SELECT line_no AS LineNo, sku_id AS SkuId, product_id AS ProductId, title AS Title, seller_id AS SellerId,
                   attributes AS Attributes, quantity AS Quantity, unit_price AS UnitPrice, line_total AS LineTotal
            FROM orders_lines WHERE order_id = @orderId ORDER BY line_no
            """,
            new { orderId },
            cancellationToken: cancellationToken))).ToList();

    /// <summary>
    /// Inserts the order's projection row at version 1 and its lines; false when another order already has
    /// this order id or checkout id (a concurrent placing won, or the checkout was ordered under another id).
    /// </summary>
    public static async Task<bool> InsertAsync(
        DbConnection connection, DbTransaction transaction, PlaceOrder order, string fingerprint, long now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO orders_orders (order_id, user_id, checkout_id, status, currency, subtotal, shipping, tax, total, shipping_address,
                                       payment_id, reservation_id, request, placed_at, updated_at, version)
            VALUES (@OrderId, @UserId, @CheckoutId, 'placed', @Currency, @Subtotal, @Shipping, @Tax, @Total, @Address,
                    @PaymentId, @ReservationId, @fingerprint, @now, @now, 1)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                order.OrderId,
                order.UserId,
                order.CheckoutId,
                order.Currency,
                order.Subtotal,
                order.Shipping,
                order.Tax,
                order.Total,
                Address = JsonSerializer.Serialize(order.ShippingAddress, Json),
                order.PaymentId,
                order.ReservationId,
                fingerprint,
                now,
            },
            transaction,
            cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return false;
        }

        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO orders_lines (order_id, line_no, sku_id, product_id, title, seller_id, attributes, quantity, unit_price, line_total)
                VALUES (@OrderId, @LineNo, @SkuId, @ProductId, @Title, @SellerId, @Attributes, @Quantity, @UnitPrice, @LineTotal)
                """,
                new
                {
                    order.OrderId,
                    LineNo = i + 1,
                    line.SkuId,
                    line.ProductId,
                    line.Title,
                    line.SellerId,
                    Attributes = JsonSerializer.Serialize(new SortedDictionary<string, string>(line.Attributes.ToDictionary(), StringComparer.Ordinal), Json),
                    line.Quantity,
                    line.UnitPrice,
                    line.LineTotal,
                },
                transaction,
                cancellationToken: cancellationToken));
        }

        return true;
    }

    public static Task AppendAsync(DbConnection connection, DbTransaction transaction, string orderId, StoredOrderEvent @event, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO orders_events (order_id, seq, type, payload, actor, occurred_at) VALUES (@orderId, @Seq, @Type, @Payload, @Actor, @OccurredAt)",
            new { orderId, @event.Seq, @event.Type, @event.Payload, @event.Actor, @event.OccurredAt },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Moves the projection to the fold of the events just appended. The version condition is the
    /// optimistic check: it fails only if another writer changed the order since it was read, which the
    /// row lock (or SQLite's single writer) rules out, so a miss is a bug and throws.
    /// </summary>
    public static async Task UpdateAsync(
        DbConnection connection, DbTransaction transaction, string orderId, OrderStatus status, int expectedVersion, int version, long now, CancellationToken cancellationToken)
    {
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE orders_orders SET status = @status, version = @version, updated_at = @now WHERE order_id = @orderId AND version = @expectedVersion",
            new { orderId, status = Model.OrderTransitions.Name(status), version, expectedVersion, now },
            transaction,
            cancellationToken: cancellationToken));
        if (updated != 1)
        {
            throw new DBConcurrencyException($"Order {orderId} is no longer at version {expectedVersion}.");
        }
    }

    private sealed class EventRow
    {
        public long Seq { get; init; }

        public string Type { get; init; } = string.Empty;

        public string Payload { get; init; } = string.Empty;

        public string Actor { get; init; } = string.Empty;

        public long OccurredAt { get; init; }
    }
}
