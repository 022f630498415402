using System.Data.Common;
using Dapper;
using Npgsql;

namespace Emporium.BuildingBlocks.Persistence;

/// <summary>
/// Serialises start-up work (migrations, seeding) across every process sharing one database:
/// a PostgreSQL session advisory lock, or an exclusive lock file beside the SQLite file.
/// </summary>
internal sealed class StartupLock : IAsyncDisposable
{
    // An arbitrary constant that names "Emporium start-up" among advisory locks.
    private const long AdvisoryLockKey = 0x456D706F7269756D; // "Emporium"

    private readonly DbConnection _connection;
    private readonly FileStream? _lockFile;

    private StartupLock(DbConnection connection, FileStream? lockFile)
    {
        _connection = connection;
        _lockFile = lockFile;
    }

    /// <summary>The connection held for the lock's lifetime; start-up work runs on it.</summary>
    public DbConnection Connection => _connection;

    public static async Task<StartupLock> AcquireAsync(Database database, CancellationToken cancellationToken)
    {
        FileStream? lockFile = null;
        if (!database.IsPostgres)
        {
            lockFile = await OpenLockFileAsync(database.SqliteFile + ".startup-lock", cancellationToken);
        }

        var connection = await database.OpenAsync(cancellationToken);
        if (database.IsPostgres)
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        }
        else
        {
            // WAL is a property of the file: set once, every later connection uses it.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL", cancellationToken: cancellationToken));
        }

        return new StartupLock(connection, lockFile);
    }

    private static async Task<FileStream> OpenLockFileAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_lockFile is null)
        {
            try
            {
                await _connection.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
            }
            catch
            {
                // Pooled connections are not reset on reuse (Database): this one must not go back holding the lock.
                NpgsqlConnection.ClearPool((NpgsqlConnection)_connection);
                throw;
            }
        }

        await _connection.DisposeAsync();
        if (_lockFile is not null)
        {
            await _lockFile.DisposeAsync();
        }
    }
}
