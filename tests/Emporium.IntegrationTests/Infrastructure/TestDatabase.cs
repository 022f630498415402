using Npgsql;

namespace Emporium.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, empty database for one fixture: a temporary SQLite directory (the embedded deployment), or
/// the scale-out deployment: a new database on the PostgreSQL server that scripts/test.sh started
/// (EMPORIUM_TEST_POSTGRES), with its own key prefix on the suite's Redis (EMPORIUM_TEST_REDIS) and its
/// own namespace on the suite's RabbitMQ node (EMPORIUM_TEST_RABBITMQ, see <see cref="ScaleOutBroker"/>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _postgresName;
    private readonly string? _adminConnectionString;

    private TestDatabase(Dictionary<string, string?> settings, string? directory, string? postgresName, string? admin)
    {
        Settings = settings;
        _directory = directory;
        _postgresName = postgresName;
        _adminConnectionString = admin;
    }

    /// <summary>Host settings that point the app at this database.</summary>
    public Dictionary<string, string?> Settings { get; }

    public static TestDatabase Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "emporium-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new TestDatabase(new() { ["Emporium:DataDirectory"] = directory, ["ConnectionStrings:Postgres"] = "" }, directory, null, null);
    }

    public static async Task<TestDatabase> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable("EMPORIUM_TEST_POSTGRES")
            ?? throw new InvalidOperationException(
                "EMPORIUM_TEST_POSTGRES is not set: run the suite with scripts/test.sh, which starts a PostgreSQL server for it.");
        var name = "emporium_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        var directory = Path.Combine(Path.GetTempPath(), "emporium-test-" + Guid.NewGuid().ToString("N"));
        return new TestDatabase(
            new()
            {
                ["ConnectionStrings:Postgres"] = builder.ConnectionString,
                ["ConnectionStrings:Redis"] = RedisConfiguration,
                ["Emporium:Redis:KeyPrefix"] = name + ":",
                ["ConnectionStrings:RabbitMq"] = ScaleOutBroker.Uri,
                ["Emporium:RabbitMq:Namespace"] = name,
                ["Emporium:DataDirectory"] = directory,
            },
            directory,
            name,
            admin);
    }

    /// <summary>The suite's Redis (scripts/test.sh starts one); every scale-out fixture uses it under its own key prefix.</summary>
    public static string RedisConfiguration => Environment.GetEnvironmentVariable("EMPORIUM_TEST_REDIS")
        ?? throw new InvalidOperationException(
            "EMPORIUM_TEST_REDIS is not set: run the suite with scripts/test.sh, which starts a Redis server for it.");

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await ScaleOutBroker.DeleteNamespaceAsync(_postgresName);
        }

        if (_directory is not null && Directory.Exists(_directory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
