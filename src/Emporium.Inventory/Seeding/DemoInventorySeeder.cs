using System.Data.Common;
using System.Globalization;
using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Contracts.Catalog;
using Emporium.Inventory.Stock;
using Emporium.Inventory.Warehouses;

namespace Emporium.Inventory.Seeding;

/// <summary>
/// The demo warehouses and stock, after the demo catalog (order 100). Inventory never reads the
/// catalog's tables: it asks <see cref="ICatalogReader"/> which of the ids the demo catalog can have
/// exist, and stocks those — every SKU in the US warehouse, two in three also in a European one, the
/// quantities a function of the SKU id, so every fresh demo database holds the same stock.
/// </summary>
internal sealed class DemoInventorySeeder(Database database, ICatalogReader catalog, IOutbox outbox, TimeProvider clock) : IDataSeeder
{
    /// <summary>Well above the demo catalog's SKU count (400 products × at most 4 variants).</summary>
    public const int MaxDemoSkuId = 3_000;

    public const string Actor = "system:demo-data";

    public static readonly IReadOnlyList<NewWarehouse> Warehouses =
    [
        new("US East (Edison, NJ)", 40.5187, -74.4121, ["US", "CA", "MX", "GB", "IE", "DE", "FR", "NL", "ES", "IT"]),
        new("UK (Daventry)", 52.2565, -1.1620, ["GB", "IE", "FR", "NL", "BE", "DE"]),
        new("Germany (Leipzig)", 51.3397, 12.3731, ["DE", "AT", "CH", "FR", "NL", "BE", "PL", "IT", "ES", "GB"]),
    ];

    public string Name => "inventory-demo";

    public int Order => 200;

    public async Task SeedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var warehouses = new List<Warehouse>();
        foreach (var warehouse in Warehouses)
        {
            warehouses.Add(await WarehouseStore.InsertAsync(connection, transaction, warehouse, now, cancellationToken)
                ?? throw new InvalidOperationException($"A warehouse called '{warehouse.Name}' already exists."));
        }

        var stock = new StockTransaction(database, outbox, connection, transaction, ownWrite: null, now, cancellationToken);
        foreach (var id in await DemoSkuIdsAsync(cancellationToken))
        {
            var skuId = id.ToString(CultureInfo.InvariantCulture);
            foreach (var (warehouse, quantity) in StockFor(id, warehouses))
            {
                var receipt = new StockMovement(skuId, warehouse.Id, MovementKind.Receipt, quantity, 0, "demo data", Actor, $"demo:{skuId}:{warehouse.Id}");
                _ = await stock.TryApplyAsync(receipt) ?? throw new InvalidOperationException($"Could not stock demo SKU {skuId}.");
            }
        }

        // The catalog learns every SKU's level (its in-stock flags) through the outbox, as for any change.
        await stock.PublishAsync();
    }

    /// <summary>Where SKU <paramref name="skuId"/> is stocked and how many: 1–3 units for every 17th SKU, so "only N left" shows up.</summary>
    internal static IEnumerable<(Warehouse Warehouse, int Quantity)> StockFor(long skuId, IReadOnlyList<Warehouse> warehouses)
    {
        yield return (warehouses[0], skuId % 17 == 0 ? 1 + (int)(skuId % 3) : 5 + (int)(skuId * 37 % 60));
        if (skuId % 3 != 0)
        {
            yield return (warehouses[(int)(skuId % 3)], 3 + (int)(skuId * 53 % 40));
        }
    }

    private async Task<IEnumerable<long>> DemoSkuIdsAsync(CancellationToken cancellationToken)
    {
        var found = new List<long>();
        foreach (var chunk in Enumerable.Range(1, MaxDemoSkuId).Chunk(500))
        {
            var skus = await catalog.GetSkusAsync(chunk.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList(), cancellationToken);
            found.AddRange(skus.Keys.Select(k => long.Parse(k, CultureInfo.InvariantCulture)));
        }

        return found.Order();
    }
}
