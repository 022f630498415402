using System.Data.Common;
using Dapper;

namespace Emporium.FlashSales.Buying;

/// <summary>What the gate reads from and changes in <c>flashsales_claims</c> (the claim writer inserts them).</summary>
internal static class GateRows
{
    /// <summary>
    /// How many units each buyer holds in the sale: claims that are claimed, paying, paid or cancelled
    /// (a cancelled claim's unit went to the shelf after it was sold; an expired one went back to the sale).
    /// </summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, int>>> HeldByBuyerAsync(DbConnection connection, long saleId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string UserId, long Count)>(new CommandDefinition(
            """
            SELECT user_id, COUNT(*) FROM flashsales_claims
            WHERE sale_id = @saleId AND status IN ('claimed', 'paying', 'paid', 'cancelled')
            GROUP BY user_id
            """,
            new { saleId },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => KeyValuePair.Create(r.UserId, (int)r.Count))];
    }

    /// <summary>Sales with a <c>claimed</c> claim due at <paramref name="now"/>.</summary>
    public static async Task<IReadOnlyList<long>> SalesWithDueClaimsAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT DISTINCT sale_id FROM flashsales_claims WHERE status = 'claimed' AND expires_at <= @now ORDER BY sale_id",
            new { now = now.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken))];

    /// <summary>
    /// Expires the sale's <c>claimed</c> claims due at <paramref name="now"/>, in the caller's transaction,
    /// and answers whose each one was. The condition is in the update itself, so a claim a checkout took
    /// (paying) or another sweep expired a moment ago is left alone, and each claim is expired (and its
    /// unit given back) once.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ExpireDueAsync(
        DbConnection connection, DbTransaction transaction, long saleId, DateTimeOffset now, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<string>(new CommandDefinition(
            """
            UPDATE flashsales_claims SET status = 'expired', updated_at = @now
            WHERE sale_id = @saleId AND status = 'claimed' AND expires_at <= @now
            RETURNING user_id
            """,
            new { saleId, now = now.ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken))];
}
