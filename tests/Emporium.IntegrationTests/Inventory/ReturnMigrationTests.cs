using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Persistence.Schema;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.Inventory;
using Microsoft.Extensions.Configuration;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Inventory's V0002 (returns) applied to a database that V0001 already filled, as an existing
/// installation meets it: every row keeps its id and its references, the indexes are all there, and
/// the new state and movement kind are accepted while the checks still refuse nonsense.
/// </summary>
public abstract class ReturnMigrationTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static readonly string[] Tables =
        ["inventory_reservations", "inventory_reservation_lines", "inventory_movements", "inventory_adjustment_requests", "inventory_stock", "inventory_warehouses"];

    [Fact]
    public async Task V0002_keeps_every_row_and_reference_and_accepts_returns()
    {
        await using var testDatabase = await CreateDatabaseAsync();
        await using var database = new Database(EmporiumOptions.From(new ConfigurationBuilder().AddInMemoryCollection(testDatabase.Settings).Build()));
        var scripts = SchemaScript.Load("inventory", typeof(InventoryModule).Assembly, database.Provider);
        await using var connection = await database.OpenAsync();
        await RunAsync(connection, scripts.Single(s => s.Version == 1).Sql);
        var (committed, pending) = await FillAsync(connection);
        var before = await SnapshotAsync(connection);
        var indexes = await IndexesAsync(database, connection);

        await RunAsync(connection, scripts.Single(s => s.Version == 2).Sql);

        (await SnapshotAsync(connection)).ShouldBe(before);
        (await IndexesAsync(database, connection)).ShouldBe(indexes);
        if (!database.IsPostgres)
        {
            (await connection.QueryAsync("PRAGMA foreign_key_check")).ShouldBeEmpty();
        }

        await connection.ExecuteAsync("UPDATE inventory_reservations SET state = 'returned', returned_at = 3 WHERE id = @committed", new { committed });
        await connection.ExecuteAsync(
            """
            INSERT INTO inventory_movements (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
            SELECT 'sku-1', warehouse_id, 'return', 2, 0, 'returned', 'checkout:1', 'reservation:1:return', @committed, 3 FROM inventory_reservation_lines WHERE reservation_id = @committed
            """,
            new { committed });
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inventory_movements WHERE kind = 'return'")).ShouldBe(1);

        await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync("UPDATE inventory_reservations SET state = 'returned' WHERE id = @pending", new { pending }));
        await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync("UPDATE inventory_reservations SET state = 'vanished' WHERE id = @pending", new { pending }));
        await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync(
            """
            INSERT INTO inventory_movements (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, occurred_at)
            SELECT 'sku-1', id, 'return', -1, 0, 'nonsense', 'test', 'bad-return', 4 FROM inventory_warehouses
            """));
        await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync(
            "INSERT INTO inventory_reservation_lines (reservation_id, sku_id, warehouse_id, quantity) VALUES (987654, 'sku-1', 987654, 1)"));
    }

    private static async Task RunAsync(DbConnection connection, string sql)
    {
        // As the migrator does: one script, one transaction.
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(sql, transaction: transaction);
        await transaction.CommitAsync();
    }

    /// <summary>A warehouse with stock, a committed and a pending reservation with their movements, and an adjustment.</summary>
    private static async Task<(long Committed, long Pending)> FillAsync(DbConnection connection)
    {
        var warehouse = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO inventory_warehouses (name, latitude, longitude, created_at) VALUES ('Old', 1, 2, 1) RETURNING id");
        await connection.ExecuteAsync("INSERT INTO inventory_warehouse_countries (warehouse_id, country) VALUES (@warehouse, 'GB')", new { warehouse });
        await connection.ExecuteAsync("INSERT INTO inventory_stock (sku_id, warehouse_id, on_hand, reserved, updated_at) VALUES ('sku-1', @warehouse, 8, 1, 2)", new { warehouse });
        var receipt = await MovementAsync(connection, warehouse, "receipt", 10, 0, "adjustment:user:1:k1", null);
        await connection.ExecuteAsync(
            "INSERT INTO inventory_adjustment_requests (actor, idempotency_key, request, movement_id, on_hand, reserved, created_at) VALUES ('user:1', 'k1', 'r', @receipt, 10, 0, 1)",
            new { receipt });

        var committed = await ReservationAsync(connection, "committed", 1, warehouse, 2);
        await MovementAsync(connection, warehouse, "reservation", 0, 2, "reservation:1:hold", committed);
        await MovementAsync(connection, warehouse, "sale", -2, -2, "reservation:1:end", committed);
        var pending = await ReservationAsync(connection, "pending", null, warehouse, 1);
        await MovementAsync(connection, warehouse, "reservation", 0, 1, "reservation:2:hold", pending);
        return (committed, pending);
    }

    private static async Task<long> ReservationAsync(DbConnection connection, string state, long? endedAt, long warehouse, int quantity)
    {
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO inventory_reservations (owner, request_key, request, state, created_at, expires_at, ended_at)
            VALUES ('checkout:' || @key, @key, 'fingerprint', @state, 1, 900, @endedAt) RETURNING id
            """,
            new { key = Guid.NewGuid().ToString("N"), state, endedAt });
        await connection.ExecuteAsync(
            "INSERT INTO inventory_reservation_lines (reservation_id, sku_id, warehouse_id, quantity) VALUES (@id, 'sku-1', @warehouse, @quantity)",
            new { id, warehouse, quantity });
        return id;
    }

    private static Task<long> MovementAsync(DbConnection connection, long warehouse, string kind, int onHand, int reserved, string key, long? reservation) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO inventory_movements (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
            VALUES ('sku-1', @warehouse, @kind, @onHand, @reserved, 'test', 'test', @key, @reservation, 1) RETURNING id
            """,
            new { warehouse, kind, onHand, reserved, key, reservation });

    /// <summary>Every row of the tables V0002 touches (or sits beside), as "table: column=value|…", in order.</summary>
    private static async Task<List<string>> SnapshotAsync(DbConnection connection)
    {
        var snapshot = new List<string>();
        foreach (var table in Tables)
        {
            var rows = await connection.QueryAsync($"SELECT * FROM {table}");
            snapshot.AddRange(rows
                .Select(r => table + ": " + string.Join("|", ((IDictionary<string, object?>)r).Where(c => c.Key != "returned_at").Select(c => $"{c.Key}={c.Value}")))
                .Order(StringComparer.Ordinal));
        }

        snapshot.Count.ShouldBe(11, "the filled database");
        return snapshot;
    }

    private static async Task<List<string>> IndexesAsync(Database database, DbConnection connection) =>
        (await connection.QueryAsync<string>(database.IsPostgres
            ? "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'inventory_%' AND (indexname LIKE 'ix_%' OR indexname LIKE 'ux_%')"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'inventory_%' AND name NOT LIKE 'sqlite_autoindex_%'"))
        .Order(StringComparer.Ordinal)
        .ToList();
}

public sealed class SqliteReturnMigrationTests : ReturnMigrationTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresReturnMigrationTests : ReturnMigrationTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
