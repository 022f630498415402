using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Persistence.Schema;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.Inventory;
using Microsoft.Extensions.Configuration;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Inventory's V0003 (carved reservations remember their source) applied to a database that V0001 and
/// V0002 already filled, as an existing installation meets it: every row and index stays, no reservation
/// has a source, and the new column takes an older reservation's id while refusing nonsense.
/// </summary>
public abstract class CarveMigrationTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private static readonly string[] Tables =
        ["inventory_reservations", "inventory_reservation_lines", "inventory_movements", "inventory_stock", "inventory_warehouses"];

    [Fact]
    public async Task V0003_keeps_every_row_and_index_and_lets_a_reservation_name_an_older_one_as_its_source()
    {
        await using var testDatabase = await CreateDatabaseAsync();
        await using var database = new Database(EmporiumOptions.From(new ConfigurationBuilder().AddInMemoryCollection(testDatabase.Settings).Build()));
        var scripts = SchemaScript.Load("inventory", typeof(InventoryModule).Assembly, database.Provider);
        scripts.Select(s => s.Version).ShouldBe([1, 2, 3]);
        await using var connection = await database.OpenAsync();
        await RunAsync(connection, scripts[0].Sql);
        await RunAsync(connection, scripts[1].Sql);
        var (older, newer) = await FillAsync(connection);
        var before = await SnapshotAsync(connection);
        var indexes = await IndexesAsync(database, connection);

        await RunAsync(connection, scripts[2].Sql);

        (await SnapshotAsync(connection)).ShouldBe(before);
        (await IndexesAsync(database, connection)).ShouldBe(indexes);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM inventory_reservations WHERE source_id IS NOT NULL")).ShouldBe(0);
        if (!database.IsPostgres)
        {
            (await connection.QueryAsync("PRAGMA foreign_key_check")).ShouldBeEmpty();
        }

        (await connection.ExecuteAsync("UPDATE inventory_reservations SET source_id = @older WHERE id = @newer", new { older, newer })).ShouldBe(1);
        (await connection.ExecuteScalarAsync<long>("SELECT source_id FROM inventory_reservations WHERE id = @newer", new { newer })).ShouldBe(older);
        await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync("UPDATE inventory_reservations SET source_id = @newer WHERE id = @older", new { older, newer }));
        await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync("UPDATE inventory_reservations SET source_id = id WHERE id = @newer", new { newer }));
        await Should.ThrowAsync<DbException>(() => connection.ExecuteAsync("UPDATE inventory_reservations SET source_id = 987654 WHERE id = @newer", new { newer }));
    }

    private static async Task RunAsync(DbConnection connection, string sql)
    {
        // As the migrator does: one script, one transaction.
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(sql, transaction: transaction);
        await transaction.CommitAsync();
    }

    /// <summary>A warehouse with stock, a returned and a pending reservation with their movements.</summary>
    private static async Task<(long Older, long Newer)> FillAsync(DbConnection connection)
    {
        var warehouse = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO inventory_warehouses (name, latitude, longitude, created_at) VALUES ('Old', 1, 2, 1) RETURNING id");
        await connection.ExecuteAsync("INSERT INTO inventory_stock (sku_id, warehouse_id, on_hand, reserved, updated_at) VALUES ('sku-1', @warehouse, 10, 1, 2)", new { warehouse });
        var older = await ReservationAsync(connection, "returned", warehouse, 2);
        await MovementAsync(connection, warehouse, "reservation", 0, 2, "reservation:1:hold", older);
        await MovementAsync(connection, warehouse, "sale", -2, -2, "reservation:1:end", older);
        await MovementAsync(connection, warehouse, "return", 2, 0, "reservation:1:return", older);
        var newer = await ReservationAsync(connection, "pending", warehouse, 1);
        await MovementAsync(connection, warehouse, "reservation", 0, 1, "reservation:2:hold", newer);
        return (older, newer);
    }

    private static async Task<long> ReservationAsync(DbConnection connection, string state, long warehouse, int quantity)
    {
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO inventory_reservations (owner, request_key, request, state, created_at, expires_at, ended_at, returned_at)
            VALUES ('checkout:' || @key, @key, 'fingerprint', @state, 1, 900, @endedAt, @returnedAt) RETURNING id
            """,
            new { key = Guid.NewGuid().ToString("N"), state, endedAt = state == "pending" ? (long?)null : 2, returnedAt = state == "returned" ? (long?)3 : null });
        await connection.ExecuteAsync(
            "INSERT INTO inventory_reservation_lines (reservation_id, sku_id, warehouse_id, quantity) VALUES (@id, 'sku-1', @warehouse, @quantity)",
            new { id, warehouse, quantity });
        return id;
    }

    private static Task MovementAsync(DbConnection connection, long warehouse, string kind, int onHand, int reserved, string key, long reservation) =>
        connection.ExecuteAsync(
            """
            INSERT INTO inventory_movements (sku_id, warehouse_id, kind, on_hand_delta, reserved_delta, reason, actor, idempotency_key, reservation_id, occurred_at)
            VALUES ('sku-1', @warehouse, @kind, @onHand, @reserved, 'test', 'test', @key, @reservation, 1)
            """,
            new { warehouse, kind, onHand, reserved, key, reservation });

    /// <summary>Every row of the tables beside the new column, as "table: column=value|…" without it, in order.</summary>
    private static async Task<List<string>> SnapshotAsync(DbConnection connection)
    {
        var snapshot = new List<string>();
        foreach (var table in Tables)
        {
            var rows = await connection.QueryAsync($"SELECT * FROM {table}");
            snapshot.AddRange(rows
                .Select(r => table + ": " + string.Join("|", ((IDictionary<string, object?>)r).Where(c => c.Key != "source_id").Select(c => $"{c.Key}={c.Value}")))
                .Order(StringComparer.Ordinal));
        }

        snapshot.Count.ShouldBe(10, "the filled database");
        return snapshot;
    }

    private static async Task<List<string>> IndexesAsync(Database database, DbConnection connection) =>
        (await connection.QueryAsync<string>(database.IsPostgres
            ? "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'inventory_%'"
            : "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'inventory_%'"))
        .Order(StringComparer.Ordinal)
        .ToList();
}

public sealed class SqliteCarveMigrationTests : CarveMigrationTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresCarveMigrationTests : CarveMigrationTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
