using System.Globalization;
using Emporium.Bench.Engines;

namespace Emporium.Bench.FlashSale;

/// <summary>
/// The claims as stored: <c>flashsales_claims</c> read straight from the host's database while the host
/// runs — its SQLite file read-only (WAL lets a reader in beside the writer), or its PostgreSQL database.
/// The admin route counts the same rows; reading them here as well means a bug in that route cannot hide
/// a lost or an extra claim.
/// </summary>
internal sealed class StoredClaims
{
    private readonly HostDatabase? _database;

    /// <param name="database">The SQLite file, or null: not read.</param>
    public StoredClaims(string? database)
        : this(database is null ? null : HostDatabase.Sqlite(database))
    {
    }

    private StoredClaims(HostDatabase? database)
    {
        _database = database;
    }

    /// <summary>The claims in the PostgreSQL database of the scale-out host.</summary>
    public static StoredClaims Postgres(string connectionString) => new(HostDatabase.Postgres(new PgTarget(connectionString)));

    public bool Available => _database is not null;

    /// <summary>Where the rows are read, for the report's checks: "SQLite file" or "PostgreSQL table".</summary>
    public string Source => _database is { IsPostgres: true } ? "PostgreSQL table" : "SQLite file";

    /// <summary>Rows per sale (every status), for the given sales; null without a database.</summary>
    public long? Count(IReadOnlyCollection<string> saleIds)
    {
        if (_database is null)
        {
            return null;
        }

        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM flashsales_claims WHERE sale_id IN ({string.Join(',', saleIds.Select(id => long.Parse(id, CultureInfo.InvariantCulture)))})";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>One sale's claims: each claim's id and buyer.</summary>
    public IReadOnlyList<(string ClaimId, string UserId, string Status)> Claims(string saleId)
    {
        if (_database is null)
        {
            return [];
        }

        using var connection = _database.Open();
        using var command = HostDatabase.Command(connection, "SELECT id, user_id, status FROM flashsales_claims WHERE sale_id = @sale", ("sale", long.Parse(saleId, CultureInfo.InvariantCulture)));
        using var reader = command.ExecuteReader();
        var claims = new List<(string, string, string)>();
        while (reader.Read())
        {
            claims.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return claims;
    }
}
