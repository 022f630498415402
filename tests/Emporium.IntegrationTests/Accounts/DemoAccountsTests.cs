using Dapper;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>With demo data on, the README's demo accounts sign in with their fixed ids and roles.</summary>
public abstract class DemoAccountsTests
{
    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task The_demo_customer_seller_and_admin_sign_in_with_the_documented_password()
    {
        await using var database = await CreateDatabaseAsync();
        await using var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "true" });
        using var api = AccountsApi.ApiClient(app);

        var expected = new[]
        {
            ("customer@example.com", "usr_demo_customer", new[] { "customer" }),
            ("seller@example.com", "seller-emporium", ["customer", "seller"]),
            ("admin@example.com", "usr_demo_admin", ["admin", "customer"]),
        };
        foreach (var (email, userId, roles) in expected)
        {
            using var login = await api.LoginAsync(email, "Emporium-demo-1");
            var token = (await login.ShouldHaveStatusAsync(200)).GetProperty("accessToken").GetString();
            var me = await (await api.SendAsync(HttpMethod.Get, "/api/accounts/me", token)).ShouldHaveStatusAsync(200);
            me.GetProperty("userId").GetString().ShouldBe(userId);
            me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(roles, ignoreOrder: true);
        }

        // The demo seller's id is the one that owns the demo catalog's "Emporium Direct" products.
        await using var connection = await app.Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM catalog_products WHERE seller_id = 'seller-emporium'")).ShouldBeGreaterThan(0);
    }
}

public sealed class SqliteDemoAccountsTests : DemoAccountsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresDemoAccountsTests : DemoAccountsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
