using System.Net.Http.Json;
using System.Text.Json;
using Emporium.IntegrationTests.Cart;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;

namespace Emporium.IntegrationTests.Checkout;

/// <summary>The sandbox's test cards (api.md).</summary>
internal static class TestCards
{
    public const string Approves = "4242424242424242";
    public const string Declines = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string TimesOutAtCapture = "4000000000000259";
}

/// <summary>A SKU on sale at 1,000 USD minor units with stock in one warehouse that ships to GB.</summary>
internal sealed record StockedSku(string SkuId, string WarehouseId, HttpClient Seller);

/// <summary>Checkout as clients call it: stock a SKU, fill a buyer's cart, tokenize a card, post the checkout.</summary>
internal static class CheckoutApi
{
    public static readonly object Address = new { name = "Ada Buyer", line1 = "1 Test Street", city = "London", postalCode = "N1 1AA", country = "GB" };

    public static async Task<StockedSku> StockedSkuAsync(EmporiumApp app, int units)
    {
        var seller = await TestUsers.SellerAsync(app);
        var admin = await TestUsers.AdminAsync(app);
        var sku = (await InventoryApi.SellerSkusAsync(app, seller.Client))[0];
        var warehouse = await InventoryApi.WarehouseAsync(admin.Client, 51.5, -0.12, "GB");
        if (units > 0)
        {
            await InventoryApi.ReceiveAsync(seller.Client, sku, warehouse, units);
        }

        return new StockedSku(sku, warehouse, seller.Client);
    }

    /// <summary>A new customer whose cart holds <paramref name="quantity"/> of <paramref name="skuId"/>.</summary>
    public static async Task<TestUsers.SignedIn> BuyerAsync(EmporiumApp app, string skuId, int quantity)
    {
        var buyer = await TestUsers.CustomerAsync(app);
        await CartApi.ExpectAsync(buyer.Client.PutAsJsonAsync($"/api/cart/items/{skuId}", new { quantity }), 200);
        return buyer;
    }

    public static async Task<string> TokenAsync(HttpClient client, string card)
    {
        using var response = await client.PostAsJsonAsync("/api/payments/tokens", new { number = card, expMonth = 12, expYear = DateTime.UtcNow.Year + 2, cvc = "123" });
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? key, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkout") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Checks out with a fresh token for <paramref name="card"/>; answers status and body text.</summary>
    public static async Task<(int Status, string Body)> CheckoutAsync(HttpClient client, string card, string? key = null)
    {
        var token = await TokenAsync(client, card);
        using var response = await PostAsync(client, key ?? Guid.NewGuid().ToString("N"), new { shippingAddress = Address, paymentToken = token });
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement.Clone();
}
