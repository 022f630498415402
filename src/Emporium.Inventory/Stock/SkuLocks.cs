using System.Data.Common;
using System.Text;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Inventory.Stock;

/// <summary>
/// Serialises the transactions that change one SKU's stock. On SQLite the IMMEDIATE transaction
/// already holds the only write lock. On PostgreSQL a transaction-scoped advisory lock per SKU covers
/// rows that do not exist yet (a first receipt), and lets the StockLevelChanged total that a change
/// publishes be read without another warehouse's row changing underneath it.
/// </summary>
internal static class SkuLocks
{
    public static async Task LockAsync(
        Database database, DbConnection connection, DbTransaction transaction, IEnumerable<string> skuIds, CancellationToken cancellationToken)
    {
        if (!database.IsPostgres)
        {
            return;
        }

        // Taken in key order by every transaction, so two that lock several SKUs can never wait on each
        // other in a cycle — not even when two SKUs' keys collide.
        foreach (var key in skuIds.Select(KeyOf).Distinct().Order())
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@key)", new { key }, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>A stable 64-bit key (FNV-1a) per SKU, in a namespace of its own among advisory locks.</summary>
    internal static long KeyOf(string skuId)
    {
        const ulong Offset = 14695981039346656037;
        const ulong Prime = 1099511628211;
        var hash = Offset;
        foreach (var b in Encoding.UTF8.GetBytes("inventory-sku:" + skuId))
        {
            hash = (hash ^ b) * Prime;
        }

        return unchecked((long)hash);
    }
}
