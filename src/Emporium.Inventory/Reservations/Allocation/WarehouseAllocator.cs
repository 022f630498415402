using System.Globalization;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Inventory;
using Emporium.Inventory.Reservations.Model;
using Emporium.Inventory.Warehouses;

namespace Emporium.Inventory.Reservations.Allocation;

/// <summary>
/// Chooses where each requested unit comes from, as a pure function of the stock the caller read under
/// its locks. Only warehouses that ship to the destination count; they are ranked nearest first (by
/// great-circle distance when the destination has coordinates, otherwise by id, so the choice is
/// stable). One warehouse that can send the whole order wins (one parcel); otherwise each line comes
/// from the nearest warehouse that has all of it, and failing that is split, nearest first.
/// </summary>
internal static class WarehouseAllocator
{
    public static Result<ReservationLines> Allocate(
        IReadOnlyList<ReserveStockLine> lines,
        StockDestination destination,
        IReadOnlyList<Warehouse> warehouses,
        IReadOnlyDictionary<(string SkuId, long WarehouseId), int> available)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(warehouses);
        ArgumentNullException.ThrowIfNull(available);
        var ranked = Rank(warehouses.Where(w => w.ShipsTo.Contains(destination.Country)), destination);
        int Available(string skuId, long warehouseId) => Math.Max(0, available.GetValueOrDefault((skuId, warehouseId)));

        var whole = ranked.FirstOrDefault(w => lines.All(l => Available(l.SkuId, w.Id) >= l.Quantity));
        if (whole is not null)
        {
            return ReservationLines.Of(lines.Select(l => new ReservationLine(l.SkuId, whole.Id, l.Quantity)));
        }

        var allocated = new List<ReservationLine>();
        var shortages = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var nearestWithAll = ranked.FirstOrDefault(w => Available(line.SkuId, w.Id) >= line.Quantity);
            if (nearestWithAll is not null)
            {
                allocated.Add(new ReservationLine(line.SkuId, nearestWithAll.Id, line.Quantity));
                continue;
            }

            var remaining = line.Quantity;
            foreach (var warehouse in ranked)
            {
                var take = Math.Min(remaining, Available(line.SkuId, warehouse.Id));
                if (take > 0)
                {
                    allocated.Add(new ReservationLine(line.SkuId, warehouse.Id, take));
                    remaining -= take;
                }
            }

            if (remaining > 0)
            {
                shortages[line.SkuId] = [string.Create(CultureInfo.InvariantCulture, $"Requested {line.Quantity}, {line.Quantity - remaining} available.")];
            }
        }

        return shortages.Count == 0 ? ReservationLines.Of(allocated) : OutOfStock(destination.Country, shortages);
    }

    /// <summary>The all-or-nothing answer when any line is short; its fields name each short SKU.</summary>
    public static Error OutOfStock(string country, IReadOnlyDictionary<string, string[]> shortages) =>
        new(ErrorKind.Conflict, "out_of_stock", $"Not enough stock for delivery to {country}; nothing was reserved.") { Fields = shortages };

    private static List<Warehouse> Rank(IEnumerable<Warehouse> warehouses, StockDestination destination) =>
        destination is { Latitude: { } latitude, Longitude: { } longitude }
            ? warehouses.OrderBy(w => GreatCircle.DistanceKm(latitude, longitude, w.Latitude, w.Longitude)).ThenBy(w => w.Id).ToList()
            : warehouses.OrderBy(w => w.Id).ToList();
}
