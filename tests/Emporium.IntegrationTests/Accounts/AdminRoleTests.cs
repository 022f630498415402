using Emporium.Accounts.Users;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>How a user becomes a seller or an admin: an admin grants the role; nobody else can.</summary>
public abstract class AdminRoleTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    private static string RolesOf(string userId) => $"/api/admin/users/{userId}/roles";

    /// <summary>An admin made directly in the store (there is no demo admin here), signed in afresh so the token carries the role.</summary>
    private async Task<string> AdminTokenAsync(HttpClient api)
    {
        var admin = await api.RegisterAsync();
        await _app.Services.GetRequiredService<UserStore>().GrantRoleAsync(admin.UserId, "admin", CancellationToken.None);
        return await api.TokenAsync(admin.Email);
    }

    [Fact]
    public async Task An_admin_grants_the_seller_role_and_a_customer_cannot()
    {
        using var api = AccountsApi.ApiClient(_app);
        var adminToken = await AdminTokenAsync(api);
        var customer = await api.RegisterAsync();
        var other = await api.RegisterAsync();

        using var byCustomer = await api.SendAsync(HttpMethod.Post, RolesOf(other.UserId), customer.AccessToken, new { role = "seller" });
        using var byGuest = await api.SendAsync(HttpMethod.Post, RolesOf(other.UserId), null, new { role = "seller" });
        using var byAdmin = await api.SendAsync(HttpMethod.Post, RolesOf(customer.UserId), adminToken, new { role = "seller" });

        await byCustomer.ShouldBeProblemAsync(403, "forbidden");
        await byGuest.ShouldBeProblemAsync(401, "not_signed_in");
        var granted = await byAdmin.ShouldHaveStatusAsync(200);
        granted.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["customer", "seller"], ignoreOrder: true);
        var me = await (await api.SendAsync(HttpMethod.Get, "/api/accounts/me", customer.AccessToken)).ShouldHaveStatusAsync(200);
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["customer", "seller"], ignoreOrder: true);
        var otherMe = await (await api.SendAsync(HttpMethod.Get, "/api/accounts/me", other.AccessToken)).ShouldHaveStatusAsync(200);
        otherMe.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["customer"]);
    }

    [Fact]
    public async Task A_granted_admin_acts_as_admin_from_their_next_sign_in()
    {
        using var api = AccountsApi.ApiClient(_app);
        var adminToken = await AdminTokenAsync(api);
        var promoted = await api.RegisterAsync();
        var target = await api.RegisterAsync();

        await (await api.SendAsync(HttpMethod.Post, RolesOf(promoted.UserId), adminToken, new { role = "admin" })).ShouldHaveStatusAsync(200);
        var freshToken = await api.TokenAsync(promoted.Email);

        await (await api.SendAsync(HttpMethod.Post, RolesOf(target.UserId), freshToken, new { role = "seller" })).ShouldHaveStatusAsync(200);
    }

    [Fact]
    public async Task Only_seller_and_admin_can_be_granted()
    {
        using var api = AccountsApi.ApiClient(_app);
        var adminToken = await AdminTokenAsync(api);
        var user = await api.RegisterAsync();

        foreach (var role in new[] { "customer", "superuser", "Seller", "" })
        {
            using var response = await api.SendAsync(HttpMethod.Post, RolesOf(user.UserId), adminToken, new { role });

            (await response.ShouldBeProblemAsync(400, "validation")).GetProperty("errors").TryGetProperty("role", out _).ShouldBeTrue(role);
        }
    }

    [Fact]
    public async Task Granting_to_an_unknown_user_is_404()
    {
        using var api = AccountsApi.ApiClient(_app);
        var adminToken = await AdminTokenAsync(api);

        using var response = await api.SendAsync(HttpMethod.Post, RolesOf("usr_doesnotexist0000"), adminToken, new { role = "seller" });

        await response.ShouldBeProblemAsync(404, "user_not_found");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAdminRoleTests(SqliteAppFixture fixture) : AdminRoleTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAdminRoleTests(PostgresAppFixture fixture) : AdminRoleTests(fixture);
