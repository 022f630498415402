using Microsoft.Extensions.Configuration;

namespace Emporium.BuildingBlocks.Persistence;

/// <summary>Host-wide settings under <c>Emporium:</c> and <c>ConnectionStrings:</c> that select the engines.</summary>
public sealed class EmporiumOptions
{
    /// <summary>Where the embedded engine keeps its files (<c>Emporium:DataDirectory</c>, default <c>./data</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>PostgreSQL connection string; null means the embedded SQLite file.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Seed the demo catalog (and later demo accounts) into an empty database.</summary>
    public required bool DemoData { get; init; }

    /// <summary>
    /// On SQLite, the most queued writes (of every module) committed in one transaction
    /// (<c>Emporium:SqliteWriteBatchSize</c>, see <see cref="WriteQueue"/>); 1 commits every write on its own.
    /// </summary>
    public int SqliteWriteBatchSize { get; init; } = DefaultSqliteWriteBatchSize;

    public const int DefaultSqliteWriteBatchSize = 64;

    public DatabaseProvider Provider => PostgresConnectionString is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    public string SqliteFile => Path.Combine(DataDirectory, "emporium.db");

    /// <summary>
    /// Demo data defaults to on for the embedded default and off for PostgreSQL, so that a configured
    /// production database never receives demo accounts unless someone asks for them.
    /// </summary>
    public static EmporiumOptions From(IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            postgres = null;
        }

        var dataDirectory = configuration["Emporium:DataDirectory"];
        if (string.IsNullOrWhiteSpace(dataDirectory))
        {
            dataDirectory = "./data";
        }

        var demo = configuration.GetValue<bool?>("Emporium:DemoData") ?? postgres is null;
        var batch = configuration.GetValue<int?>("Emporium:SqliteWriteBatchSize") ?? DefaultSqliteWriteBatchSize;
        if (batch < 1)
        {
            throw new InvalidOperationException($"Emporium:SqliteWriteBatchSize must be at least 1 (is {batch}).");
        }

        return new EmporiumOptions
        {
            DataDirectory = Path.GetFullPath(dataDirectory),
            PostgresConnectionString = postgres,
            DemoData = demo,
            SqliteWriteBatchSize = batch,
        };
    }
}
