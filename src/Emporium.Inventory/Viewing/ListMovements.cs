using System.Globalization;
using System.Security.Claims;
using Dapper;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Contracts.Catalog;
using Microsoft.AspNetCore.Http;

namespace Emporium.Inventory.Viewing;

internal sealed record MovementView(
    string Id, string WarehouseId, string Kind, int OnHandDelta, int ReservedDelta, string Reason, string Actor, string? ReservationId, DateTimeOffset OccurredAt);

/// <summary><c>GET /api/inventory/{skuId}/movements</c>: the SKU's latest ledger entries, newest first — why the figures are what they are.</summary>
internal static class ListMovements
{
    public const int Limit = 100;

    public static async Task<IResult> Handle(string skuId, ClaimsPrincipal user, ICatalogReader catalog, Database database, CancellationToken cancellationToken)
    {
        if (!await SkuAccess.MayManageAsync(catalog, user, skuId, cancellationToken))
        {
            return Problems.From(SkuAccess.NotFound(skuId));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, warehouse_id AS WarehouseId, kind AS Kind, on_hand_delta AS OnHandDelta, reserved_delta AS ReservedDelta,
                   reason AS Reason, actor AS Actor, reservation_id AS ReservationId, occurred_at AS OccurredAt
            FROM inventory_movements WHERE sku_id = @skuId ORDER BY id DESC LIMIT @Limit
            """,
            new { skuId, Limit },
            cancellationToken: cancellationToken));
        return TypedResults.Ok(rows.Select(r => new MovementView(
            Text(r.Id), Text(r.WarehouseId), r.Kind, (int)r.OnHandDelta, (int)r.ReservedDelta, r.Reason, r.Actor,
            r.ReservationId is { } reservation ? Text(reservation) : null,
            DateTimeOffset.FromUnixTimeMilliseconds(r.OccurredAt))).ToList());
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public long Id { get; init; }

        public long WarehouseId { get; init; }

        public string Kind { get; init; } = string.Empty;

        public long OnHandDelta { get; init; }

        public long ReservedDelta { get; init; }

        public string Reason { get; init; } = string.Empty;

        public string Actor { get; init; } = string.Empty;

        public long? ReservationId { get; init; }

        public long OccurredAt { get; init; }
    }
}
