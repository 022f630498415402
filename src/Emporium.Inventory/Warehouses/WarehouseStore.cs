using System.Data.Common;
using Dapper;

namespace Emporium.Inventory.Warehouses;

/// <summary>Warehouses and the countries they ship to (<c>inventory_warehouses</c>, <c>inventory_warehouse_countries</c>).</summary>
internal static class WarehouseStore
{
    /// <summary>Adds a warehouse; null when the name is taken (names are how people tell warehouses apart).</summary>
    public static async Task<Warehouse?> InsertAsync(
        DbConnection connection, DbTransaction transaction, NewWarehouse warehouse, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO inventory_warehouses (name, latitude, longitude, created_at) VALUES (@Name, @Latitude, @Longitude, @CreatedAt)
            ON CONFLICT (name) DO NOTHING
            RETURNING id
            """,
            new { warehouse.Name, warehouse.Latitude, warehouse.Longitude, CreatedAt = now.ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken));
        if (id is null)
        {
            return null;
        }

        foreach (var country in warehouse.ShipsTo)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO inventory_warehouse_countries (warehouse_id, country) VALUES (@id, @country)",
                new { id, country },
                transaction,
                cancellationToken: cancellationToken));
        }

        return new Warehouse(id.Value, warehouse.Name, warehouse.Latitude, warehouse.Longitude, warehouse.ShipsTo.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Every warehouse, by id (a handful: read whole).</summary>
    public static async Task<IReadOnlyList<Warehouse>> ListAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var warehouses = await connection.QueryAsync<(long Id, string Name, double Latitude, double Longitude)>(new CommandDefinition(
            "SELECT id, name, latitude, longitude FROM inventory_warehouses ORDER BY id", transaction: transaction, cancellationToken: cancellationToken));
        var countries = (await connection.QueryAsync<(long WarehouseId, string Country)>(new CommandDefinition(
                "SELECT warehouse_id, country FROM inventory_warehouse_countries", transaction: transaction, cancellationToken: cancellationToken)))
            .ToLookup(c => c.WarehouseId, c => c.Country);
        return warehouses
            .Select(w => new Warehouse(w.Id, w.Name, w.Latitude, w.Longitude, countries[w.Id].ToHashSet(StringComparer.Ordinal)))
            .ToList();
    }

    public static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM inventory_warehouses WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken)) > 0;
}
