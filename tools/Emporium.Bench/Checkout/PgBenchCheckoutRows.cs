using System.Data.Common;
using Emporium.Bench.Engines;

namespace Emporium.Bench.Checkout;

/// <summary>
/// B3's pgbench baseline in the host's PostgreSQL database: the lookup table its script draws SKUs from,
/// a cart row for each of its clients, and the paid orders it wrote (counted against what pgbench reported).
/// </summary>
internal sealed class PgBenchCheckoutRows(PgTarget target)
{
    /// <summary>The pool as pgbench reads it (<c>n</c> from 0), and a cart row for each of its clients.</summary>
    public async Task PrepareAsync(IReadOnlyList<string> pool, long warehouseId, int clients, CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "DROP TABLE IF EXISTS bench_b3_pool; CREATE TABLE bench_b3_pool (n integer PRIMARY KEY, sku_id text NOT NULL, warehouse_id bigint NOT NULL)", cancellationToken);
        for (var i = 0; i < pool.Count; i++)
        {
            await ExecuteAsync(connection, "INSERT INTO bench_b3_pool VALUES (@n, @sku, @warehouse)", cancellationToken, ("n", i), ("sku", pool[i]), ("warehouse", warehouseId));
        }

        await ExecuteAsync(
            connection,
            """
            INSERT INTO cart_carts (id, owner_kind, owner_id, created_at, updated_at, expires_at)
            SELECT 'pgbench-cart-' || g, 'user', 'pgbench-buyer-' || g, 0, 0, 4102444800000 FROM generate_series(0, @last) g
            ON CONFLICT DO NOTHING
            """,
            cancellationToken,
            ("last", clients - 1));
    }

    /// <summary>Orders written by the pgbench baseline so far.</summary>
    public async Task<long> PaidOrdersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await target.OpenAsync(cancellationToken);
        await using var command = HostDatabase.Command(connection, "SELECT COUNT(*) FROM orders_orders WHERE user_id LIKE 'pgbench-buyer-%' AND status = 'paid'");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = HostDatabase.Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
