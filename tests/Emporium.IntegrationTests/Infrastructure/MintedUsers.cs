using System.Globalization;
using System.Net.Http.Headers;
using Emporium.Accounts;
using Emporium.BuildingBlocks.Security;

namespace Emporium.IntegrationTests.Infrastructure;

/// <summary>
/// Buyers for load tests: bearer tokens for synthetic user ids, protected with the app's own keys
/// (<see cref="AccountsModule.IssueBearerToken"/>) exactly like the ones sign-in issues, so a test can
/// have thousands of buyers without registering each (and hashing a password per buyer). The users do
/// not exist in the accounts tables; nothing on the buying path looks them up.
/// </summary>
internal static class MintedUsers
{
    public sealed record Minted(string UserId, string Token)
    {
        public AuthenticationHeaderValue Authorization { get; } = new("Bearer", Token);

        /// <summary>A request carrying this buyer's token, for a client shared by many buyers.</summary>
        public HttpRequestMessage Request(HttpMethod method, string url, HttpContent? content = null)
        {
            var request = new HttpRequestMessage(method, url) { Content = content };
            request.Headers.Authorization = Authorization;
            return request;
        }
    }

    /// <summary><paramref name="count"/> customers with ids unique to this call (<c>minted-{run}-{n}</c>).</summary>
    public static IReadOnlyList<Minted> Mint(EmporiumApp app, int count)
    {
        ArgumentNullException.ThrowIfNull(app);
        var run = Guid.NewGuid().ToString("N")[..8];
        return [.. Enumerable.Range(1, count).Select(n =>
        {
            var userId = string.Create(CultureInfo.InvariantCulture, $"minted-{run}-{n:D6}");
            return new Minted(userId, AccountsModule.IssueBearerToken(app.Services, userId, [Roles.Customer], TimeSpan.FromHours(2)));
        })];
    }

    /// <summary>A client of its own for <paramref name="user"/> (no cookies: the token is the only credential).</summary>
    public static HttpClient Client(EmporiumApp app, Minted user)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(user);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = user.Authorization;
        return client;
    }
}
