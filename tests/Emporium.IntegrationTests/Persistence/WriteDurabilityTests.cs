using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.IntegrationTests.Persistence;

/// <summary>
/// SQLite's synchronous level is a property of the connection, and connections are pooled: a relaxed
/// writer (the cart's) must not hand a relaxed connection to a writer that needs every commit synced.
/// </summary>
public sealed class WriteDurabilityTests : IAsyncLifetime
{
    private const long Normal = 1;
    private const long Full = 2;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "emporium-durability-" + Guid.NewGuid().ToString("N"));
    private Database _database = null!;

    public Task InitializeAsync()
    {
        _database = new Database(new EmporiumOptions { DataDirectory = _directory, DemoData = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_relaxed_write_runs_unsynced_and_the_pooled_connection_comes_back_fully_synced()
    {
        var relaxed = new WriteQueue(_database, WriteDurability.Relaxed);
        var full = new WriteQueue(_database);

        var inRelaxed = await relaxed.RunAsync(write => LevelAsync(write.Connection, write.Transaction), CancellationToken.None);
        var inFull = await full.RunAsync(write => LevelAsync(write.Connection, write.Transaction), CancellationToken.None);
        await using var plain = await _database.OpenAsync();

        inRelaxed.ShouldBe(Normal);
        inFull.ShouldBe(Full, "the same pooled connection, put back by the relaxed writer");
        (await plain.ExecuteScalarAsync<long>("PRAGMA synchronous")).ShouldBe(Full);
    }

    private static Task<long> LevelAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction) =>
        connection.ExecuteScalarAsync<long>("PRAGMA synchronous", transaction: transaction);
}
