using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Orders.Storage;

namespace Emporium.Orders.Viewing;

/// <summary>An order as a seller sees it: its status and date, and only the lines that are theirs.</summary>
internal sealed record SellerOrderView(string OrderId, string Status, string Currency, DateTimeOffset PlacedAt, IReadOnlyList<OrderLineView> Lines);

internal sealed record SellerOrderPage(IReadOnlyList<SellerOrderView> Items, int Page, int PageSize, long Total);

/// <summary>
/// The orders that hold a seller's lines, newest first, with those lines only (the line records its seller
/// when ordered, so no other module is asked). A null seller is staff: every order, every line.
/// </summary>
internal sealed class SellerOrderQueries(Database database)
{
    public const int MaxPageSize = 100;

    public async Task<SellerOrderPage> ListAsync(string? sellerId, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var scope = sellerId is null ? "1 = 1" : "EXISTS (SELECT 1 FROM orders_lines l WHERE l.order_id = o.order_id AND l.seller_id = @sellerId)";
        var parameters = new { sellerId, offset = (long)(page - 1) * pageSize, pageSize };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM orders_orders o WHERE {scope}", parameters, cancellationToken: cancellationToken));
        var orders = (await connection.QueryAsync<OrderRow>(new CommandDefinition(
            $"""
            SELECT o.order_id AS OrderId, o.status AS Status, o.currency AS Currency, o.placed_at AS PlacedAt
            FROM orders_orders o WHERE {scope}
            ORDER BY o.placed_at DESC, o.order_id DESC LIMIT @pageSize OFFSET @offset
            """,
            parameters,
            cancellationToken: cancellationToken))).ToList();
        if (orders.Count == 0)
        {
            return new SellerOrderPage([], page, pageSize, total);
        }

        var orderIds = orders.Select(o => o.OrderId).ToArray();
        var lines = (await connection.QueryAsync<OrderLineRow>(new CommandDefinition(
            $"""
            SELECT order_id AS OrderId, line_no AS LineNo, sku_id AS SkuId, product_id AS ProductId, title AS Title, seller_id AS SellerId,
                   attributes AS Attributes, quantity AS Quantity, unit_price AS UnitPrice, line_total AS LineTotal
            FROM orders_lines
            WHERE {database.InList("order_id", "orderIds")} {(sellerId is null ? "" : "AND seller_id = @sellerId")}
            ORDER BY order_id, line_no
            """,
            new { orderIds, sellerId },
            cancellationToken: cancellationToken))).ToLookup(l => l.OrderId, StringComparer.Ordinal);
        var items = orders.Select(o => new SellerOrderView(
            o.OrderId,
            o.Status,
            o.Currency,
            DateTimeOffset.FromUnixTimeMilliseconds(o.PlacedAt),
            lines[o.OrderId].Select(OrderViewBuilder.LineView).ToList())).ToList();
        return new SellerOrderPage(items, page, pageSize, total);
    }

    private sealed class OrderRow
    {
        public string OrderId { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;

        public string Currency { get; init; } = string.Empty;

        public long PlacedAt { get; init; }
    }
}
