using System.Globalization;
using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// The inventory's invariants read straight from its tables: figures are the sum of the ledger,
/// reserved is what pending reservations hold, every reservation's movements match how it ended and
/// what was carved out of it and given back, every adjustment key made one movement, and the last
/// published level of each SKU is its level now.
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

    /// <summary>
    /// Per reservation and stock row, its movements by key: the hold, units carved out of it into another
    /// reservation and given back into it (a release and a reservation each), its end (sale, release or
    /// expiry as its state says, of what it held then) and a return. What the hold, carves and refills add
    /// up to is the line's quantity; each carve matches the carved reservation's hold, each refill what
    /// that reservation held when it was released or expired.
    /// </summary>
    private static async Task<IEnumerable<string>> ReservationViolationsAsync(System.Data.Common.DbConnection connection)
    {
        var reservations = (await connection.QueryAsync<(long Id, string State, long? SourceId)>("SELECT id, state, source_id FROM inventory_reservations"))
            .ToDictionary(r => r.Id);
        var lines = (await connection.QueryAsync<(long Reservation, string Sku, long Warehouse, long Quantity)>(
            "SELECT reservation_id, sku_id, warehouse_id, quantity FROM inventory_reservation_lines")).ToDictionary(l => (l.Reservation, l.Sku, l.Warehouse), l => l.Quantity);
        var movements = (await connection.QueryAsync<(long Reservation, string Sku, long Warehouse, string Kind, long OnHand, long Reserved, string Key)>(
            "SELECT reservation_id, sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, idempotency_key FROM inventory_movements WHERE reservation_id IS NOT NULL"))
            .ToLookup(m => (m.Reservation, m.Sku, m.Warehouse));
        var violations = new List<string>();
        var carves = new Dictionary<(long Source, long Child, string Sku, long Warehouse), long>();
        var refills = new Dictionary<(long Source, long Child, string Sku, long Warehouse), long>();
        var holds = new Dictionary<(long Reservation, string Sku, long Warehouse), long>();

        var rows = movements.Select(m => m.Key).Union(lines.Keys);
        foreach (var (id, sku, warehouse) in rows)
        {
            var where = $"reservation {id} line {sku}@{warehouse}";
            if (!reservations.TryGetValue(id, out var reservation))
            {
                violations.Add($"{where}: no such reservation");
                continue;
            }

            var q = lines.GetValueOrDefault((id, sku, warehouse));
            var (held, ends, returns) = (0L, new List<string>(), new List<string>());
            foreach (var m in movements[(id, sku, warehouse)])
            {
                var suffix = m.Key.StartsWith($"reservation:{id}:", StringComparison.Ordinal) ? m.Key[$"reservation:{id}:".Length..] : null;
                var movement = $"{m.Kind}:{m.OnHand}:{m.Reserved}";
                switch (suffix?.Split(':'))
                {
                    case ["hold"] when m is { Kind: "reservation", OnHand: 0, Reserved: > 0 }:
                        held += m.Reserved;
                        holds[(id, sku, warehouse)] = m.Reserved;
                        break;
                    case ["carve", var child] when m is { Kind: "release", OnHand: 0, Reserved: < 0 }:
                        held += m.Reserved;
                        carves[(id, long.Parse(child, CultureInfo.InvariantCulture), sku, warehouse)] = -m.Reserved;
                        break;
                    case ["refill", var child] when m is { Kind: "reservation", OnHand: 0, Reserved: > 0 }:
                        held += m.Reserved;
                        refills[(id, long.Parse(child, CultureInfo.InvariantCulture), sku, warehouse)] = m.Reserved;
                        break;
                    case ["end"]:
                        ends.Add(movement);
                        break;
                    case ["return"]:
                        returns.Add(movement);
                        break;
                    default:
                        violations.Add($"{where}: unexpected movement {movement} keyed {m.Key}");
                        break;
                }
            }

            if (held != q)
            {
                violations.Add($"{where}: hold, carves and refills add up to {held}, but the line holds {q}");
            }

            string[] expectedEnd = (reservation.State, q) switch
            {
                ("pending", _) or (_, 0) => [],
                ("committed" or "returned", _) => [$"sale:{-q}:{-q}"],
                ("released", _) => [$"release:0:{-q}"],
                ("expired", _) => [$"expiry:0:{-q}"],
                _ => [$"unknown state {reservation.State}"],
            };
            string[] expectedReturn = reservation.State == "returned" && q > 0 ? [$"return:{q}:0"] : [];
            if (!ends.SequenceEqual(expectedEnd) || !returns.SequenceEqual(expectedReturn))
            {
                violations.Add($"{where} ({reservation.State}): ended [{string.Join(",", ends)}] returned [{string.Join(",", returns)}], expected [{string.Join(",", expectedEnd)}] and [{string.Join(",", expectedReturn)}]");
            }
        }

        foreach (var ((source, child, sku, warehouse), units) in carves)
        {
            if (reservations.GetValueOrDefault(child).SourceId != source || holds.GetValueOrDefault((child, sku, warehouse)) != units)
            {
                violations.Add($"reservation {source} carved {units} of {sku}@{warehouse} into {child}, which holds {holds.GetValueOrDefault((child, sku, warehouse))} from source {reservations.GetValueOrDefault(child).SourceId}");
            }
        }

        foreach (var (child, reservation) in reservations.Where(r => r.Value.SourceId is not null))
        {
            var fromCarves = carves.Where(c => c.Key.Child == child).ToDictionary(c => (c.Key.Sku, c.Key.Warehouse), c => c.Value);
            var held = holds.Where(h => h.Key.Reservation == child).ToDictionary(h => (h.Key.Sku, h.Key.Warehouse), h => h.Value);
            if (!fromCarves.OrderBy(c => c.Key).SequenceEqual(held.OrderBy(h => h.Key)))
            {
                violations.Add($"reservation {child} carved from {reservation.SourceId} holds what no carve gave it");
            }

            var given = refills.Where(r => r.Key.Child == child).ToList();
            var ended = lines.Where(l => l.Key.Reservation == child).ToDictionary(l => (l.Key.Sku, l.Key.Warehouse), l => l.Value);
            if (given.Count > 0 && (reservation.State is not ("released" or "expired")
                || given.Any(g => g.Key.Source != reservation.SourceId)
                || !given.ToDictionary(g => (g.Key.Sku, g.Key.Warehouse), g => g.Value).OrderBy(g => g.Key).SequenceEqual(ended.OrderBy(e => e.Key))))
            {
                violations.Add($"reservation {child} ({reservation.State}) refilled its source {reservation.SourceId} with [{string.Join(",", given.Select(g => $"{g.Key.Sku}@{g.Key.Warehouse}×{g.Value}"))}] but held [{string.Join(",", ended.Select(e => $"{e.Key}×{e.Value}"))}]");
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
