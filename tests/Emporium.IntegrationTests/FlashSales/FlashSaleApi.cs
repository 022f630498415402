using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales;

/// <summary>
/// The flash-sales admin API as tests call it: a seller's SKU with stock, a sale of it created through
/// <c>POST /api/admin/flash-sales</c>, and the admin's view of a sale.
/// </summary>
internal static class FlashSaleApi
{
    /// <summary>A sale as created: its id, the SKU and warehouse it sells from, and the terms it was created with.</summary>
    public sealed record CreatedSale(
        string SaleId,
        string SkuId,
        string WarehouseId,
        long Price,
        int Quantity,
        int PerUserLimit,
        DateTimeOffset StartsAt,
        DateTimeOffset EndsAt,
        string Country,
        int? AdmitPerSecond);

    /// <summary>
    /// A new SKU owned by <paramref name="seller"/> with <paramref name="stock"/> units in a new warehouse
    /// that ships to <paramref name="country"/> (<paramref name="admin"/> creates the warehouse).
    /// </summary>
    public static async Task<(string SkuId, string WarehouseId)> StockedSkuAsync(EmporiumApp app, HttpClient admin, HttpClient seller, int stock, string country = "US")
    {
        var sku = (await InventoryApi.SellerSkusAsync(app, seller))[0];
        var warehouse = await InventoryApi.WarehouseAsync(admin, 40.71, -74.0, country);
        if (stock > 0)
        {
            await InventoryApi.ReceiveAsync(seller, sku, warehouse, stock);
        }

        return (sku, warehouse);
    }

    /// <summary>
    /// A stocked SKU (<paramref name="stock"/> units) and a sale of <paramref name="quantity"/> of them, created
    /// by <paramref name="admin"/>; expects 201. By default the sale started at the app's "now" (its
    /// <see cref="TimeProvider"/>, so a fake clock is honoured) and ends an hour later.
    /// </summary>
    public static async Task<CreatedSale> CreateSaleAsync(
        EmporiumApp app,
        HttpClient admin,
        HttpClient seller,
        int quantity,
        int perUserLimit,
        int stock,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? endsAt = null,
        int? admitPerSecond = null,
        string country = "US",
        long price = 500)
    {
        var (sku, warehouse) = await StockedSkuAsync(app, admin, seller, stock, country);
        var starts = startsAt ?? Now(app);
        var ends = endsAt ?? starts.AddHours(1);
        using var response = await PostSaleAsync(admin, new
        {
            skuId = sku,
            price,
            quantity,
            perUserLimit,
            startsAt = starts,
            endsAt = ends,
            country,
            admitPerSecond,
        });
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        response.Headers.Location?.ToString().ShouldBe($"/api/admin/flash-sales/{id}");
        return new CreatedSale(id, sku, warehouse, price, quantity, perUserLimit, starts, ends, country, admitPerSecond);
    }

    /// <summary><c>POST /api/admin/flash-sales</c> with any body, for tests of what it refuses.</summary>
    public static Task<HttpResponseMessage> PostSaleAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/admin/flash-sales", body);

    /// <summary>
    /// <c>GET /api/admin/flash-sales/{saleId}</c>: <c>{ id, skuId, price, currency, quantity, perUserLimit, country,
    /// startsAt, endsAt, settlesAt, admitPerSecond, status, allotmentId, claims: { claimed, paying, paid, expired, cancelled } }</c>.
    /// </summary>
    public static Task<JsonElement> GetSaleAsync(HttpClient admin, string saleId, int expectedStatus = 200) =>
        admin.GetJsonAsync($"/api/admin/flash-sales/{saleId}", expectedStatus);

    /// <summary>
    /// Writes a claim row directly (what a purchase writes), for tests that need claims in a given state
    /// without going through the gate. By default <c>claimed</c>, due <c>ClaimDeadline</c> (10 minutes) after the app's now.
    /// </summary>
    public static async Task<string> InsertClaimAsync(
        EmporiumApp app, string saleId, string userId, string status = "claimed", DateTimeOffset? expiresAt = null, string? checkoutId = null)
    {
        var claimId = Guid.CreateVersion7().ToString("N");
        var now = Now(app);
        await using var connection = await app.Database.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO flashsales_claims (id, sale_id, user_id, status, claimed_at, expires_at, checkout_id, reservation_id, order_id, updated_at)
            VALUES (@claimId, @saleId, @userId, @status, @now, @expiresAt, @checkoutId, NULL, NULL, @now)
            """,
            new
            {
                claimId,
                saleId = long.Parse(saleId, CultureInfo.InvariantCulture),
                userId,
                status,
                now = now.ToUnixTimeMilliseconds(),
                expiresAt = (expiresAt ?? now.AddMinutes(10)).ToUnixTimeMilliseconds(),
                checkoutId,
            });
        return claimId;
    }

    /// <summary>A claim's stored status.</summary>
    public static async Task<string> ClaimStatusAsync(EmporiumApp app, string claimId)
    {
        await using var connection = await app.Database.OpenAsync();
        return await connection.QuerySingleAsync<string>("SELECT status FROM flashsales_claims WHERE id = @claimId", new { claimId });
    }

    /// <summary>The app's clock (a test's fake one when it registered one).</summary>
    public static DateTimeOffset Now(EmporiumApp app) => app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
}
