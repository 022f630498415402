using System.Globalization;
using System.Security.Claims;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Contracts.Catalog;
using Emporium.Inventory.Stock;
using Microsoft.AspNetCore.Http;

namespace Emporium.Inventory.Viewing;

internal sealed record WarehouseStockView(string WarehouseId, string WarehouseName, int OnHand, int Reserved, int Available);

internal sealed record StockTotalsView(int OnHand, int Reserved, int Available);

internal sealed record StockView(string SkuId, IReadOnlyList<WarehouseStockView> Warehouses, StockTotalsView Total);

/// <summary><c>GET /api/inventory/{skuId}</c>: the SKU's stock per warehouse and in total (its seller, or an admin).</summary>
internal static class GetStock
{
    public static async Task<IResult> Handle(string skuId, ClaimsPrincipal user, ICatalogReader catalog, Database database, CancellationToken cancellationToken) =>
        await LoadAsync(skuId, user, catalog, database, cancellationToken) is { } stock
            ? TypedResults.Ok(stock)
            : Problems.From(SkuAccess.NotFound(skuId));

    /// <summary>The SKU's stock, or null when it does not exist or is another seller's (the two are not told apart).</summary>
    public static async Task<StockView?> LoadAsync(string skuId, ClaimsPrincipal user, ICatalogReader catalog, Database database, CancellationToken cancellationToken)
    {
        if (!await SkuAccess.MayManageAsync(catalog, user, skuId, cancellationToken))
        {
            return null;
        }

        var rows = await StockLevels.ForSkuAsync(database, skuId, cancellationToken);
        var warehouses = rows
            .Select(r => new WarehouseStockView(r.WarehouseId.ToString(CultureInfo.InvariantCulture), r.WarehouseName, r.Figures.OnHand, r.Figures.Reserved, r.Figures.Available))
            .ToList();
        var total = new StockTotalsView(warehouses.Sum(w => w.OnHand), warehouses.Sum(w => w.Reserved), warehouses.Sum(w => w.Available));
        return new StockView(skuId, warehouses, total);
    }
}
