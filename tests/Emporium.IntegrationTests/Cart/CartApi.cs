using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Emporium.IntegrationTests.Cart;

/// <summary>
/// The cart routes as a client calls them. <see cref="CartId"/>, when set, goes out as <c>X-Cart-Id</c>
/// (an API client); a browser client relies on its cookie jar instead. <see cref="Token"/> signs in.
/// </summary>
internal sealed class CartApi(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public string? CartId { get; set; }

    public string? Token { get; set; }

    /// <summary>A client with a cookie jar, like a browser. Never the fixture's shared client: its cookies would leak between tests.</summary>
    public static CartApi Browser(EmporiumApp app) => new(app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true }));

    /// <summary>A client without cookies, like an API client: it names its cart with the header.</summary>
    public static CartApi ApiClient(EmporiumApp app) => new(app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (CartId is not null)
        {
            request.Headers.Add("X-Cart-Id", CartId);
        }

        if (Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PutRawAsync(string skuId, string? body) => SendAsync(HttpMethod.Put, $"/api/cart/items/{skuId}", body);

    public Task<JsonElement> PutAsync(string skuId, int quantity) => ExpectAsync(PutRawAsync(skuId, $$"""{"quantity":{{quantity}}}"""), 200);

    public Task<JsonElement> GetAsync() => ExpectAsync(SendAsync(HttpMethod.Get, "/api/cart"), 200);

    public Task<JsonElement> DeleteAsync(string skuId) => ExpectAsync(SendAsync(HttpMethod.Delete, $"/api/cart/items/{skuId}"), 200);

    /// <summary>Puts, and for a guest API client keeps the cart id the server issued.</summary>
    public async Task<JsonElement> PutAndKeepCartIdAsync(string skuId, int quantity)
    {
        var cart = await PutAsync(skuId, quantity);
        CartId ??= cart.TryGetProperty("cartId", out var id) ? id.GetString() : null;
        return cart;
    }

    public static async Task<JsonElement> ExpectAsync(Task<HttpResponseMessage> send, int status)
    {
        using var response = await send;
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}

internal static class CartJson
{
    /// <summary>The lines as (skuId, quantity), in the cart's order.</summary>
    public static List<(string, int)> Lines(this JsonElement cart) =>
        cart.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("skuId").GetString()!, l.GetProperty("quantity").GetInt32())).ToList();

    public static JsonElement Line(this JsonElement cart, string skuId) =>
        cart.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("skuId").GetString() == skuId);

    public static string? CartId(this JsonElement cart) => cart.TryGetProperty("cartId", out var id) ? id.GetString() : null;

    public static long Amount(this JsonElement money) => money.GetProperty("amount").GetInt64();
}
