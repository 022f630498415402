using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// The inventory's invariants read straight from its tables: figures are the sum of the ledger,
/// reserved is what pending reservations hold, every reservation's movements match how it ended,
/// every adjustment key made one movement, and the last published level of each SKU is its level now.
/// </summary>
internal static class LedgerAssertions
{
    public static async Task<List<string>> ViolationsAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var violations = new List<string>();

        var stock = (await connection.QueryAsync<(string Sku, long Warehouse, long OnHand, long Reserved)>(
            "SELECT sku_id, warehouse_id, on_hand, reserved FROM inventory_stock")).ToDictionary(s => (s.Sku, s.Warehouse));
        var sums = (await connection.QueryAsync<(string Sku, long Warehouse, long OnHand, long Reserved)>(
            "SELECT sku_id, warehouse_id, SUM(on_hand_delta), SUM(reserved_delta) FROM inventory_movements GROUP BY sku_id, warehouse_id"))
            .ToDictionary(s => (s.Sku, s.Warehouse));
        var held = (await connection.QueryAsync<(string Sku, long Warehouse, long Quantity)>(
            """
            SELECT l.sku_id, l.warehouse_id, SUM(l.quantity) FROM inventory_reservation_lines l
            JOIN inventory_reservations r ON r.id = l.reservation_id WHERE r.state = 'pending' GROUP BY l.sku_id, l.warehouse_id
            """)).ToDictionary(h => (h.Sku, h.Warehouse), h => h.Quantity);

        foreach (var key in stock.Keys.Union(sums.Keys).Union(held.Keys))
        {
            var row = stock.GetValueOrDefault(key);
            var sum = sums.GetValueOrDefault(key);
            if ((row.OnHand, row.Reserved) != (sum.OnHand, sum.Reserved))
            {
                violations.Add($"{key}: figures ({row.OnHand}, {row.Reserved}) but movements sum to ({sum.OnHand}, {sum.Reserved})");
            }

            if (row.Reserved < 0 || row.Reserved > row.OnHand)
            {
                violations.Add($"{key}: reserved {row.Reserved} outside 0..{row.OnHand}");
            }

            if (row.Reserved != held.GetValueOrDefault(key))
            {
                violations.Add($"{key}: reserved {row.Reserved} but pending reservations hold {held.GetValueOrDefault(key)}");
            }
        }

        violations.AddRange(await ReservationViolationsAsync(connection));
        violations.AddRange(await AdjustmentViolationsAsync(connection));
        violations.AddRange(await PublishedLevelViolationsAsync(connection));
        return violations;
    }

    /// <summary>Each line held once; ended reservations ended once per line, by the movement kind their state names; returned ones sold, then returned, once.</summary>
    private static async Task<IEnumerable<string>> ReservationViolationsAsync(System.Data.Common.DbConnection connection)
    {
        var rows = await connection.QueryAsync<(long Id, string State, string Sku, long Warehouse, long Quantity, string? Kinds)>(
            """
            SELECT r.id, r.state, l.sku_id, l.warehouse_id, l.quantity,
                   (SELECT STRING_AGG(m.kind || ':' || CAST(m.on_hand_delta AS TEXT) || ':' || CAST(m.reserved_delta AS TEXT), ',' ORDER BY m.kind)
                    FROM inventory_movements m
                    WHERE m.reservation_id = r.id AND m.sku_id = l.sku_id AND m.warehouse_id = l.warehouse_id)
            FROM inventory_reservations r JOIN inventory_reservation_lines l ON l.reservation_id = r.id
            """);
        var violations = new List<string>();
        foreach (var row in rows)
        {
            var q = row.Quantity;
            var expected = row.State switch
            {
                "pending" => $"reservation:0:{q}",
                "committed" => $"reservation:0:{q},sale:{-q}:{-q}",
                "released" => $"release:0:{-q},reservation:0:{q}",
                "expired" => $"expiry:0:{-q},reservation:0:{q}",
                "returned" => $"reservation:0:{q},return:{q}:0,sale:{-q}:{-q}",
                _ => "unknown state " + row.State,
            };
            if (row.Kinds != expected)
            {
                violations.Add($"reservation {row.Id} ({row.State}) line {row.Sku}@{row.Warehouse}×{q}: movements [{row.Kinds}], expected [{expected}]");
            }
        }

        var stateless = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM inventory_reservations r WHERE (r.state = 'pending') <> (r.ended_at IS NULL) OR (r.state = 'returned') <> (r.returned_at IS NOT NULL)");
        if (stateless > 0)
        {
            violations.Add($"{stateless} reservations whose ended_at or returned_at disagrees with their state");
        }

        return violations;
    }

    private static async Task<IEnumerable<string>> AdjustmentViolationsAsync(System.Data.Common.DbConnection connection)
    {
        var requests = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inventory_adjustment_requests");
        var adjustments = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM inventory_movements WHERE kind IN ('receipt', 'correction') AND idempotency_key LIKE 'adjustment:%'");
        var matched = await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM inventory_adjustment_requests a JOIN inventory_movements m ON m.id = a.movement_id
            WHERE m.idempotency_key = 'adjustment:' || a.actor || ':' || a.idempotency_key
            """);
        return requests == adjustments && adjustments == matched
            ? []
            : [$"{requests} adjustment keys, {adjustments} adjustment movements, {matched} matching: one key must make one movement"];
    }

    private static async Task<IEnumerable<string>> PublishedLevelViolationsAsync(System.Data.Common.DbConnection connection)
    {
        var events = await connection.QueryAsync<string>(
            "SELECT payload FROM outbox_messages WHERE type = 'Emporium.Contracts.Inventory.StockLevelChanged' ORDER BY seq");
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var payload in events)
        {
            var json = JsonDocument.Parse(payload).RootElement;
            last[json.GetProperty("skuId").GetString()!] = json.GetProperty("available").GetInt32();
        }

        var now = (await connection.QueryAsync<(string Sku, long Available)>(
            "SELECT sku_id, SUM(on_hand - reserved) FROM inventory_stock GROUP BY sku_id")).ToDictionary(r => r.Sku, r => (int)r.Available);
        return now.Where(n => last.GetValueOrDefault(n.Key, -1) != n.Value)
            .Select(n => $"SKU {n.Key}: {n.Value} available, but the last StockLevelChanged said {last.GetValueOrDefault(n.Key, -1)}");
    }
}
