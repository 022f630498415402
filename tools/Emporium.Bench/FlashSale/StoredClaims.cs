using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Emporium.Bench.FlashSale;

/// <summary>
/// The claims as stored: <c>flashsales_claims</c> read straight from the host's database while the host
/// runs — its SQLite file read-only (WAL lets a reader in beside the writer), or its PostgreSQL database.
/// The admin route counts the same rows; reading them here as well means a bug in that route cannot hide
/// a lost or an extra claim.
/// </summary>
internal sealed class StoredClaims
{
    private readonly string? _sqliteFile;
    private readonly string? _postgres;

    /// <param name="database">The SQLite file, or null: not read.</param>
    public StoredClaims(string? database)
        : this(database, null)
    {
    }

    private StoredClaims(string? sqliteFile, string? postgres)
    {
        _sqliteFile = sqliteFile;
        _postgres = postgres;
    }

    /// <summary>The claims in the PostgreSQL database of the scale-out host.</summary>
    public static StoredClaims Postgres(string connectionString) => new(null, connectionString);

    public bool Available => _sqliteFile is not null || _postgres is not null;

    /// <summary>Where the rows are read, for the report's checks: "SQLite file" or "PostgreSQL table".</summary>
    public string Source => _postgres is not null ? "PostgreSQL table" : "SQLite file";

    /// <summary>Rows per sale (every status), for the given sales; null without a database.</summary>
    public long? Count(IReadOnlyCollection<string> saleIds)
    {
        if (!Available)
        {
            return null;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM flashsales_claims WHERE sale_id IN ({string.Join(',', saleIds.Select(id => long.Parse(id, CultureInfo.InvariantCulture)))})";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>One sale's claims: each claim's id and buyer.</summary>
    public IReadOnlyList<(string ClaimId, string UserId, string Status)> Claims(string saleId)
    {
        if (!Available)
        {
            return [];
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, user_id, status FROM flashsales_claims WHERE sale_id = @sale";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "sale";
        parameter.Value = long.Parse(saleId, CultureInfo.InvariantCulture);
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        var claims = new List<(string, string, string)>();
        while (reader.Read())
        {
            claims.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return claims;
    }

    private DbConnection Open()
    {
        if (_postgres is not null)
        {
            var postgres = new NpgsqlConnection(_postgres);
            postgres.Open();
            return postgres;
        }

        if (!File.Exists(_sqliteFile))
        {
            throw new UsageException($"No database at {_sqliteFile}.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _sqliteFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
