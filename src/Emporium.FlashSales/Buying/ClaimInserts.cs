using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// Inserts granted claims into <c>flashsales_claims</c> with multi-row <c>INSERT … VALUES (…), (…)</c>
/// statements (the same SQL on both engines), at most <see cref="RowsPerStatement"/> rows each.
/// </summary>
internal static class ClaimInserts
{
    /// <summary>
    /// Five parameters a row, 250 a statement: far below SQLite's and PostgreSQL's parameter limits (32,766
    /// and 65,535) whatever the configured batch size — a larger batch is several statements in the caller's
    /// one transaction. Not much larger either: SQLite finds each named parameter by scanning the
    /// statement's names, so binding costs grow with the square of a statement's size.
    /// </summary>
    public const int RowsPerStatement = 50;

    private static readonly ConcurrentDictionary<int, string> Statements = new();

    /// <summary>
    /// Parameter names by column letter and row (<c>@i0</c>, <c>@s0</c>, …), made once; with the prefix the
    /// SQL uses, so SQLite finds each on the first look.
    /// </summary>
    private static readonly Dictionary<char, string[]> Names = "isuce".ToDictionary(
        letter => letter,
        letter => Enumerable.Range(0, RowsPerStatement).Select(row => string.Create(CultureInfo.InvariantCulture, $"@{letter}{row}")).ToArray());

    public static async Task InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PendingClaim> claims, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(claims);
        for (var start = 0; start < claims.Count; start += RowsPerStatement)
        {
            var rows = Math.Min(RowsPerStatement, claims.Count - start);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Statements.GetOrAdd(rows, Sql);
            for (var row = 0; row < rows; row++)
            {
                var claim = claims[start + row];
                Add(command, 'i', row, claim.Id);
                Add(command, 's', row, claim.SaleId);
                Add(command, 'u', row, claim.UserId);
                Add(command, 'c', row, claim.ClaimedAt.ToUnixTimeMilliseconds());
                Add(command, 'e', row, claim.ExpiresAt.ToUnixTimeMilliseconds());
            }

            var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
            if (inserted != rows)
            {
                throw new InvalidOperationException($"Inserted {inserted} of {rows} flash-sale claims.");
            }
        }
    }

    /// <summary>Which of <paramref name="claimIds"/> are stored (after a write whose outcome is unknown).</summary>
    public static async Task<HashSet<string>> StoredAsync(DbConnection connection, bool postgres, IReadOnlyList<string> claimIds, CancellationToken cancellationToken)
    {
        var sql = postgres ? "SELECT id FROM flashsales_claims WHERE id = ANY(@ids)" : "SELECT id FROM flashsales_claims WHERE id IN @ids";
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in claimIds.Chunk(RowsPerStatement))
        {
            stored.UnionWith(await connection.QueryAsync<string>(new CommandDefinition(sql, new { ids = chunk }, cancellationToken: cancellationToken)));
        }

        return stored;
    }

    private static string Sql(int rows)
    {
        var sql = new StringBuilder(
            "INSERT INTO flashsales_claims (id, sale_id, user_id, status, claimed_at, expires_at, checkout_id, reservation_id, order_id, updated_at) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "" : ", ")
                .Append(CultureInfo.InvariantCulture, $"(@i{row}, @s{row}, @u{row}, 'claimed', @c{row}, @e{row}, NULL, NULL, NULL, @c{row})");
        }

        return sql.ToString();
    }

    private static void Add(DbCommand command, char column, int row, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = Names[column][row];
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
