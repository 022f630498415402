using Dapper;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Service;

/// <summary>
/// Several instances starting at once on one empty database migrate and seed exactly once:
/// the start-up lock (advisory lock on PostgreSQL, lock file on SQLite) serialises them.
/// </summary>
public abstract class StartupTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>The seeders besides the demo data's: scale-out makes the shared key ring's first key (ADR 0010).</summary>
    protected abstract IReadOnlyList<string> EngineSeeders { get; }

    [Fact]
    public async Task Three_instances_starting_together_seed_the_demo_catalog_once()
    {
        await using var database = await CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "true" };
        var apps = Enumerable.Range(0, 3).Select(_ => new EmporiumApp(settings)).ToList();
        try
        {
            // Touching Services builds and starts each host, which migrates and seeds before serving.
            await Task.WhenAll(apps.Select(app => Task.Run(() => app.Services)));

            await using var connection = await apps[0].Database.OpenAsync();
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM catalog_products")).ShouldBe(Emporium.Catalog.Seeding.DemoCatalogSeeder.ProductCount);
            (await connection.QueryAsync<string>("SELECT name FROM seed_history")).Order().ShouldBe(
                EngineSeeders.Concat(["accounts-demo", "catalog-demo", "inventory-demo"]).Order());
            (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM accounts_users")).ShouldBe(3);
            (await connection.QueryAsync<string>("SELECT DISTINCT module FROM schema_versions")).Order().ShouldBe(
                ["accounts", "cart", "catalog", "checkout", "flashsales", "inventory", "messaging", "orders", "payments"]);

            var client = apps[1].CreateClient();
            var result = await client.GetJsonAsync("/api/search?q=laptop");
            result.GetProperty("total").GetInt64().ShouldBeGreaterThan(0);
            result.GetProperty("facets").GetProperty("brand").GetArrayLength().ShouldBeGreaterThan(0);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }
}

public sealed class SqliteStartupTests : StartupTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    protected override IReadOnlyList<string> EngineSeeders => [];
}

public sealed class PostgresStartupTests : StartupTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();

    protected override IReadOnlyList<string> EngineSeeders => ["accounts-key-ring"];
}
