using Emporium.BuildingBlocks.Persistence;
using Emporium.Contracts.Inventory;

namespace Emporium.Inventory.Stock;

/// <summary>What other modules (cart, catalog, checkout) may ask about stock: sellable units per SKU.</summary>
internal sealed class InventoryReader(Database database) : IInventoryReader
{
    // Keeps each statement well inside SQLite's limit on bound parameters.
    private const int ChunkSize = 500;

    public Task<IReadOnlyDictionary<string, int>> AvailableAsync(IReadOnlyCollection<string> skuIds, CancellationToken cancellationToken) =>
        ReadAsync(skuIds, (connection, chunk) => StockLevels.TotalAvailableAsync(database, connection, null, chunk, cancellationToken), cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> AvailableForDeliveryAsync(IReadOnlyCollection<string> skuIds, string country, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(country);
        var code = country.Trim().ToUpperInvariant();
        return ReadAsync(skuIds, (connection, chunk) => StockLevels.AvailableForDeliveryAsync(database, connection, chunk, code, cancellationToken), cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, int>> ReadAsync(
        IReadOnlyCollection<string> skuIds,
        Func<System.Data.Common.DbConnection, string[], Task<IReadOnlyDictionary<string, int>>> read,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skuIds);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = skuIds.Where(id => !string.IsNullOrEmpty(id)).Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return result;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in ids.Chunk(ChunkSize))
        {
            foreach (var (skuId, available) in await read(connection, chunk))
            {
                result[skuId] = available;
            }
        }

        return result;
    }
}
