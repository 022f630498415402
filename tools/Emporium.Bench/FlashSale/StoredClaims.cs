using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Emporium.Bench.FlashSale;

/// <summary>
/// The claims as stored: <c>flashsales_claims</c> read straight from the host's SQLite file, read-only,
/// while the host runs (WAL lets a reader in beside the writer). The admin route counts the same rows;
/// reading them here as well means a bug in that route cannot hide a lost or an extra claim.
/// </summary>
internal sealed class StoredClaims(string? database)
{
    public bool Available => database is not null;

    public string Describe() => database is null ? "not read (no --db)" : $"read-only from {database}";

    /// <summary>Rows per sale (every status), for the given sales; null without a database file.</summary>
    public long? Count(IReadOnlyCollection<string> saleIds)
    {
        if (database is null)
        {
            return null;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM flashsales_claims WHERE sale_id IN ({string.Join(',', saleIds.Select(id => long.Parse(id, CultureInfo.InvariantCulture)))})";
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>One sale's claims: each claim's id and buyer.</summary>
    public IReadOnlyList<(string ClaimId, string UserId, string Status)> Claims(string saleId)
    {
        if (database is null)
        {
            return [];
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_id, status FROM flashsales_claims WHERE sale_id = $sale";
        command.Parameters.AddWithValue("$sale", long.Parse(saleId, CultureInfo.InvariantCulture));
        using var reader = command.ExecuteReader();
        var claims = new List<(string, string, string)>();
        while (reader.Read())
        {
            claims.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return claims;
    }

    private SqliteConnection Open()
    {
        if (!File.Exists(database))
        {
            throw new UsageException($"No database at {database}.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
