using System.Data.Common;
using System.Globalization;
using Dapper;
using Emporium.BuildingBlocks.Messaging;
using Emporium.Catalog.Writing;
using Emporium.Contracts.Inventory;

namespace Emporium.Catalog.Stock;

/// <summary>
/// Keeps the catalog's in-stock flags (search's "in stock" filter, product pages) in step with the
/// inventory: a SKU is in stock while it has sellable units, a product while any active SKU is.
/// </summary>
internal sealed class StockLevelChangedHandler(CatalogChanges changes, TimeProvider clock) : IIntegrationEventHandler<StockLevelChanged>
{
    public async Task HandleAsync(StockLevelChanged message, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!long.TryParse(message.SkuId, NumberStyles.None, CultureInfo.InvariantCulture, out var skuId))
        {
            return;
        }

        var inStock = message.Available > 0 ? 1 : 0;
        var productId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "UPDATE catalog_skus SET in_stock = @inStock WHERE id = @skuId AND in_stock <> @inStock RETURNING product_id",
            new { skuId, inStock },
            transaction,
            cancellationToken: cancellationToken));
        if (productId is null)
        {
            return; // unknown SKU, or the flag already says so
        }

        var writer = await CatalogWriter.OpenAsync(connection, transaction, cancellationToken);
        var before = (await writer.IndexedTextAsync(productId.Value, cancellationToken))!;
        await writer.RefreshAsync(productId.Value, before, clock.GetUtcNow(), cancellationToken);

        // Evicted before the inbox transaction commits: a request in between may cache the old flag
        // for at most the output cache's lifetime.
        await changes.CommittedAsync(cancellationToken);
    }
}
