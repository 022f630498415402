using System.Net.Http.Json;
using System.Text.Json;

namespace Emporium.IntegrationTests.Cart;

/// <summary>Signing shoppers up and in through the accounts API, as a storefront or API client would.</summary>
internal static class CartShoppers
{
    public const string Password = "Cart-shopper-pass-9";

    public static string UniqueEmail() => $"cart-{Guid.NewGuid():N}@example.test";

    /// <summary>Registers with the client's cookies and cart header; returns the bearer token and user id.</summary>
    public static async Task<(string UserId, string Token, string Email)> RegisterAsync(this CartApi shopper)
    {
        var email = UniqueEmail();
        var json = await PostAsync(shopper, "/api/accounts/register", new { email, password = Password, name = "Cart Shopper" }, 201);
        return (json.GetProperty("userId").GetString()!, json.GetProperty("accessToken").GetString()!, email);
    }

    /// <summary>Signs in with the client's cookies and cart header (so the guest cart merges); returns the bearer token.</summary>
    public static async Task<string> LoginAsync(this CartApi shopper, string email) =>
        (await PostAsync(shopper, "/api/accounts/login", new { email, password = Password }, 200)).GetProperty("accessToken").GetString()!;

    private static async Task<JsonElement> PostAsync(CartApi shopper, string url, object body, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (shopper.CartId is not null)
        {
            request.Headers.Add("X-Cart-Id", shopper.CartId);
        }

        return await CartApi.ExpectAsync(shopper.Client.SendAsync(request), status);
    }
}
