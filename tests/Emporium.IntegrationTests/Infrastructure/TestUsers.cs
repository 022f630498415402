using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;

namespace Emporium.IntegrationTests.Infrastructure;

/// <summary>Signed-in API clients, made through the real accounts API (register, login, bearer token).</summary>
internal static class TestUsers
{
    public const string Password = "correct-horse-battery-9";

    public sealed record SignedIn(string UserId, string Email, HttpClient Client);

    public static async Task<SignedIn> CustomerAsync(EmporiumApp app) => await SignInAsync(app, []);

    public static async Task<SignedIn> SellerAsync(EmporiumApp app) => await SignInAsync(app, ["seller"]);

    public static async Task<SignedIn> AdminAsync(EmporiumApp app) => await SignInAsync(app, ["admin"]);

    /// <summary>
    /// Registers a new user, gives them <paramref name="roles"/> directly in the accounts tables (the
    /// admin route that does this is tested in the accounts tests), and signs in again for a token
    /// that carries them.
    /// </summary>
    private static async Task<SignedIn> SignInAsync(EmporiumApp app, string[] roles)
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        var client = app.CreateClient();
        using var registered = await client.PostAsJsonAsync("/api/accounts/register", new { email, password = Password, name = "Test " + email[..6] });
        registered.EnsureSuccessStatusCode();
        var userId = (await registered.ReadJsonAsync()).GetProperty("userId").GetString()!;

        if (roles.Length > 0)
        {
            await using var connection = await app.Database.OpenAsync();
            foreach (var role in roles)
            {
                await connection.ExecuteAsync("INSERT INTO accounts_user_roles (user_id, role) VALUES (@userId, @role)", new { userId, role });
            }
        }

        using var login = await client.PostAsJsonAsync("/api/accounts/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.ReadJsonAsync()).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new SignedIn(userId, email, client);
    }
}
