using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;

namespace Emporium.Inventory.Warehouses;

/// <summary>A warehouse as the API shows it.</summary>
internal sealed record WarehouseView(string Id, string Name, double Latitude, double Longitude, IReadOnlyList<string> ShipsTo)
{
    public static WarehouseView Of(Warehouse warehouse) =>
        new(warehouse.IdText, warehouse.Name, warehouse.Latitude, warehouse.Longitude, warehouse.ShipsTo.Order(StringComparer.Ordinal).ToList());
}

/// <summary><c>POST /api/admin/warehouses</c> and <c>GET /api/admin/warehouses</c> (admins only).</summary>
internal static class WarehouseEndpoints
{
    public static async Task<IResult> Create(WarehouseRequest request, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var created = await CreateAsync(request, database, clock, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/api/admin/warehouses/{created.Value.Id}", created.Value)
            : Problems.From(created.Error!);
    }

    public static async Task<IResult> List(Database database, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListAsync(database, cancellationToken));

    /// <summary>Checks the request, then adds the warehouse; the new warehouse, or why nothing was added.</summary>
    public static async Task<Result<WarehouseView>> CreateAsync(WarehouseRequest? request, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(clock);
        var valid = WarehouseRequest.Validate(request);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await WarehouseStore.InsertAsync(connection, transaction, valid.Value, clock.GetUtcNow(), cancellationToken);
        if (created is null)
        {
            return new Error(ErrorKind.Conflict, "warehouse_name_taken", $"A warehouse is already called '{valid.Value.Name}'.");
        }

        await transaction.CommitAsync(cancellationToken);
        return WarehouseView.Of(created);
    }

    public static async Task<IReadOnlyList<WarehouseView>> ListAsync(Database database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(cancellationToken);
        var warehouses = await WarehouseStore.ListAsync(connection, null, cancellationToken);
        return warehouses.Select(WarehouseView.Of).ToList();
    }
}
