using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Orders.Storage;

namespace Emporium.Orders.Viewing;

/// <summary>Who is looking at an order: its buyer (who must own it) or staff (any order, with ids shown).</summary>
internal sealed record OrderViewer(string UserId, bool IsStaff);

/// <summary>Reads orders for the HTTP API, outside any write transaction.</summary>
internal sealed class OrderQueries(Database database)
{
    /// <summary>The order, or null when it does not exist or is another buyer's (the two are not told apart).</summary>
    public async Task<OrderView?> GetAsync(string orderId, OrderViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await OrderRows.LoadAsync(database, connection, null, orderId, forUpdate: false, cancellationToken);
        if (row is null || (!viewer.IsStaff && !string.Equals(row.UserId, viewer.UserId, StringComparison.Ordinal)))
        {
            return null;
        }

        var lines = await OrderRows.LinesAsync(connection, orderId, cancellationToken);
        var events = await OrderRows.EventsAsync(connection, null, orderId, cancellationToken);
        return OrderViewBuilder.Build(row, lines, events, viewer.IsStaff);
    }

    public async Task<OrderPage> ListAsync(string userId, int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var parameters = new { userId, offset = (long)(page - 1) * pageSize, pageSize };
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM orders_orders WHERE user_id = @userId", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<SummaryRow>(new CommandDefinition(
            """
            SELECT o.order_id AS OrderId, o.status AS Status, o.total AS Total, o.currency AS Currency, o.placed_at AS PlacedAt,
                   (SELECT SUM(l.quantity) FROM orders_lines l WHERE l.order_id = o.order_id) AS ItemCount
            FROM orders_orders o WHERE o.user_id = @userId
            ORDER BY o.placed_at DESC, o.order_id DESC LIMIT @pageSize OFFSET @offset
            """,
            parameters,
            cancellationToken: cancellationToken));
        var items = rows.Select(r => new OrderSummaryView(
            r.OrderId, r.Status, r.Total, r.Currency, DateTimeOffset.FromUnixTimeMilliseconds(r.PlacedAt), (int)r.ItemCount)).ToList();
        return new OrderPage(items, page, pageSize, total);
    }

    private sealed class SummaryRow
    {
        public string OrderId { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;

        public long Total { get; init; }

        public string Currency { get; init; } = string.Empty;

        public long PlacedAt { get; init; }

        public long ItemCount { get; init; }
    }
}
