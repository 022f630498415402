using System.Data.Common;
using System.Runtime.CompilerServices;
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
        SqliteWriteBatchSize = options.SqliteWriteBatchSize;
        SqliteWrites = new SqliteWriter(this);
        if (Provider == DatabaseProvider.Postgres)
        {
            _postgres = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(options.PostgresConnectionString!)
            {
                // A pooled connection otherwise sends DISCARD ALL each time it is reused: a round trip on every
                // open, a fifth of a checkout's statements. Nothing here leaves session state behind: locks and
                // settings are transaction-scoped, and the start-up lock unlocks itself or drops its pool.
                NoResetOnClose = true,
            }.ConnectionString);
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
    /// address space, not memory per connection. synchronous=FULL: each commit synced to disk (a
    /// <see cref="WriteDurability.Relaxed"/> writer lowers it for its own transaction and puts it back).
    /// Run once per underlying SQLite connection, not on every open from the pool.
    /// </summary>
    public const string SqliteConnectionPragmas = "PRAGMA mmap_size = 2147483648; PRAGMA synchronous = FULL;";

    /// <summary>Run outside a transaction by a <see cref="WriteDurability.Relaxed"/> writer.</summary>
    public const string SqliteRelaxedDurabilityPragma = "PRAGMA synchronous = NORMAL;";

    /// <summary>Run by a <see cref="WriteDurability.Relaxed"/> writer after its transaction, before the connection goes back to the pool.</summary>
    public const string SqliteFullDurabilityPragma = "PRAGMA synchronous = FULL;";

    /// <summary>The pooled SQLite handles <see cref="SqliteConnectionPragmas"/> already ran on (they keep their settings between opens).</summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];

    public DatabaseProvider Provider { get; }

    /// <summary>On SQLite, the most writes a <see cref="WriteQueue"/> commits together (<see cref="EmporiumOptions.SqliteWriteBatchSize"/>).</summary>
    public int SqliteWriteBatchSize { get; }

    /// <summary>The file's one in-process writer, shared by every module's <see cref="WriteQueue"/> (unused on PostgreSQL).</summary>
    internal SqliteWriter SqliteWrites { get; }

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
        var handle = connection.Handle!;
        if (!Configured.TryGetValue(handle, out _))
        {
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = SqliteConnectionPragmas;
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            Configured.AddOrUpdate(handle, handle);
        }

        return connection;
    }

    /// <summary>
    /// A connection opened synchronously, for the rare caller behind a synchronous interface (the Data
    /// Protection key repository, read when the key ring is loaded). Everything else uses <see cref="OpenAsync"/>.
    /// </summary>
    public DbConnection Open()
    {
        if (_postgres is not null)
        {
            return _postgres.OpenConnection();
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        connection.Open();
        var handle = connection.Handle!;
        if (!Configured.TryGetValue(handle, out _))
        {
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = SqliteConnectionPragmas;
                pragma.ExecuteNonQuery();
            }

            Configured.AddOrUpdate(handle, handle);
        }

        return connection;
    }

    public ValueTask DisposeAsync() => _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
}
