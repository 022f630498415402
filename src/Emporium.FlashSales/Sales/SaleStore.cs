using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.FlashSales.Sales;

/// <summary>
/// The writes of a sale's life (<c>flashsales_sales</c>: allotting → open → settled) and what the admin
/// and the settlement read of its claims. Every status change names the status it expects, so a step
/// repeated after a crash, or raced by the sweep, changes nothing the second time.
/// </summary>
internal static class SaleStore
{
    public static async Task<long> InsertAllottingAsync(
        DbConnection connection, SaleTerms terms, string currency, DateTimeOffset settlesAt, string createdBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO flashsales_sales (sku_id, price, currency, quantity, per_user_limit, country, starts_at, ends_at, settles_at,
                                          admit_per_second, status, allotment_id, created_by, created_at)
            VALUES (@SkuId, @Price, @Currency, @Quantity, @PerUserLimit, @Country, @StartsAt, @EndsAt, @SettlesAt,
                    @AdmitPerSecond, 'allotting', NULL, @CreatedBy, @CreatedAt)
            RETURNING id
            """,
            new
            {
                terms.SkuId,
                terms.Price,
                Currency = currency,
                terms.Quantity,
                terms.PerUserLimit,
                terms.Country,
                StartsAt = terms.StartsAt.ToUnixTimeMilliseconds(),
                EndsAt = terms.EndsAt.ToUnixTimeMilliseconds(),
                SettlesAt = settlesAt.ToUnixTimeMilliseconds(),
                terms.AdmitPerSecond,
                CreatedBy = createdBy,
                CreatedAt = now.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken));
    }

    /// <summary>The allotment is reserved: the sale opens. False when the row is no longer allotting (gone, or opened already).</summary>
    public static async Task<bool> OpenAsync(DbConnection connection, long id, string allotmentId, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flashsales_sales SET status = 'open', allotment_id = @allotmentId WHERE id = @id AND status = 'allotting'",
            new { id, allotmentId },
            cancellationToken: cancellationToken)) == 1;

    /// <summary>The allotment could not be reserved: the sale never existed for anyone.</summary>
    public static async Task DeleteAllottingAsync(DbConnection connection, long id, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM flashsales_sales WHERE id = @id AND status = 'allotting'", new { id }, cancellationToken: cancellationToken));

    /// <summary>Sales still allotting that were created before <paramref name="cutoff"/>: their creating request died.</summary>
    public static async Task<IReadOnlyList<long>> StaleAllottingAsync(DbConnection connection, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM flashsales_sales WHERE status = 'allotting' AND created_at < @cutoff ORDER BY id",
            new { cutoff = cutoff.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken))];

    public static async Task MarkSettledAsync(DbConnection connection, long id, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flashsales_sales SET status = 'settled' WHERE id = @id AND status = 'open'", new { id }, cancellationToken: cancellationToken));

    public static async Task<long> CountAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM flashsales_sales", cancellationToken: cancellationToken));

    /// <summary>
    /// The settlement's claim step, in the caller's transaction: every claim still <c>claimed</c> expires;
    /// answers how many claims are <c>paying</c> afterwards (counted after the update, so a checkout that
    /// took its claim's row first is seen). The caller commits only when that is zero.
    /// </summary>
    public static async Task<long> ExpireClaimedAsync(
        DbConnection connection, DbTransaction transaction, long saleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE flashsales_claims SET status = 'expired', updated_at = @now WHERE sale_id = @saleId AND status = 'claimed'",
            new { saleId, now = now.ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM flashsales_claims WHERE sale_id = @saleId AND status = 'paying'",
            new { saleId },
            transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>How many claims each of <paramref name="saleIds"/> has in each status.</summary>
    public static async Task<IReadOnlyDictionary<long, SaleClaimCounts>> ClaimCountsAsync(
        Database database, DbConnection connection, long[] saleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var rows = await connection.QueryAsync<(long SaleId, string Status, long Count)>(new CommandDefinition(
            $"SELECT sale_id, status, COUNT(*) FROM flashsales_claims WHERE {database.InList("sale_id", "saleIds")} GROUP BY sale_id, status",
            new { saleIds },
            cancellationToken: cancellationToken));
        return rows
            .GroupBy(r => r.SaleId)
            .ToDictionary(g => g.Key, g => SaleClaimCounts.Of(g.Select(r => (r.Status, r.Count))));
    }
}

/// <summary>A sale's claims per status, as the admin sees them.</summary>
internal sealed record SaleClaimCounts(long Claimed, long Paying, long Paid, long Expired, long Cancelled)
{
    public static readonly SaleClaimCounts None = new(0, 0, 0, 0, 0);

    public static SaleClaimCounts Of(IEnumerable<(string Status, long Count)> counts)
    {
        var byStatus = counts.ToDictionary(c => c.Status, c => c.Count, StringComparer.Ordinal);
        long Get(string status) => byStatus.GetValueOrDefault(status);
        return new SaleClaimCounts(Get("claimed"), Get("paying"), Get("paid"), Get("expired"), Get("cancelled"));
    }
}
