using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Emporium.Bench.Engines;

/// <summary>
/// The running host's database, as the bench reads it for its checks: its PostgreSQL database, or its
/// SQLite file opened read-only beside the host (WAL lets a reader in beside the writer, and a read-only
/// connection cannot change what it checks). The checks' SQL is written to mean the same on both.
/// </summary>
internal sealed class HostDatabase
{
    private readonly string? _sqliteFile;
    private readonly PgTarget? _postgres;

    private HostDatabase(string? sqliteFile, PgTarget? postgres)
    {
        _sqliteFile = sqliteFile;
        _postgres = postgres;
    }

    public static HostDatabase Postgres(PgTarget target) => new(null, target);

    /// <param name="file">The host's <c>emporium.db</c>.</param>
    public static HostDatabase Sqlite(string file) => new(file, null);

    public bool IsPostgres => _postgres is not null;

    public DbConnection Open()
    {
        if (_postgres is not null)
        {
            var postgres = new NpgsqlConnection(_postgres.ConnectionString);
            postgres.Open();
            return postgres;
        }

        var sqlite = SqliteConnection();
        sqlite.Open();
        return sqlite;
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenAsync(cancellationToken);
        }

        var sqlite = SqliteConnection();
        await sqlite.OpenAsync(cancellationToken);
        return sqlite;
    }

    /// <summary>A command on <paramref name="connection"/> with named parameters (<c>@name</c> in the SQL, on both engines).</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parameters);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private SqliteConnection SqliteConnection()
    {
        if (!File.Exists(_sqliteFile))
        {
            throw new UsageException($"No database at {_sqliteFile}.");
        }

        return new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _sqliteFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
    }
}
