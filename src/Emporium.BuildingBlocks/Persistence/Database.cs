using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Emporium.BuildingBlocks.Persistence;

/// <summary>
/// Opens connections to the configured engine. Modules write SQL that runs on both engines where the
/// dialects agree, and branch on <see cref="Provider"/> where they do not (full-text search, locking).
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqliteConnectionString;

    public Database(EmporiumOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Provider = options.Provider;
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(options.PostgresConnectionString!);
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            SqliteFile = options.SqliteFile;
            _sqliteConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = options.SqliteFile,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = true,
                // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout: writers queue, not fail.
                DefaultTimeout = 30,
                ForeignKeys = true,
            }.ToString();
        }
    }

    /// <summary>
    /// Run on every SQLite connection. Memory-mapped reads let a search that touches tens of thousands
    /// of pages read them from the shared OS page cache without a system call each; the map is
    /// address space, not memory per connection. Every connection starts synchronous=FULL (each commit synced
    /// to disk) whatever a previous user of the pooled connection set (see <see cref="WriteDurability"/>).
    /// </summary>
    public const string SqliteConnectionPragmas = "PRAGMA mmap_size = 2147483648; PRAGMA synchronous = FULL;";

    /// <summary>Run outside a transaction by a <see cref="WriteDurability.Relaxed"/> writer.</summary>
    public const string SqliteRelaxedDurabilityPragma = "PRAGMA synchronous = NORMAL;";

    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite file, when embedded.</summary>
    public string? SqliteFile { get; }

    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = SqliteConnectionPragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
