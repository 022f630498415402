namespace Emporium.IntegrationTests.Infrastructure;

/// <summary>
/// One host on one fresh database, shared by the tests of a collection. Tests never depend on each
/// other's data: each writes its own products under words no other test uses.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public EmporiumApp App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public abstract string Engine { get; }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>Demo data off: tests build exactly the data they assert on.</summary>
    protected virtual bool DemoData => false;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>(_database.Settings) { ["Emporium:DemoData"] = DemoData ? "true" : "false" };
        App = new EmporiumApp(settings);
        Client = App.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteAppFixture : AppFixture
{
    public override string Engine => "sqlite";

    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresAppFixture : AppFixture
{
    public override string Engine => "postgres";

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "sqlite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "postgres";
}
