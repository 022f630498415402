using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.FlashSales.Buying;

/// <summary>The buying routes as tests call them, and the claims as stored.</summary>
internal static class BuyingApi
{
    /// <summary>Staff per app, with the app time they signed in at (their tokens last an hour of the app's clock).</summary>
    private static readonly ConditionalWeakTable<EmporiumApp, Task<(HttpClient Admin, HttpClient Seller, DateTimeOffset At)>> Staff = [];

    /// <summary>An answer of the purchase route: status, body (parsed when JSON) and the headers that matter.</summary>
    public sealed record Answer(int Status, string Body, string? Location, string? RetryAfter)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

        public string? Code => Body.Length > 0 && Json.TryGetProperty("code", out var code) ? code.GetString() : null;

        public string ClaimId => Json.GetProperty("claimId").GetString()!;

        public override string ToString() => $"{Status} {Body}";
    }

    public sealed record StoredClaim(string Id, string UserId, string Status, long ClaimedAt, long ExpiresAt);

    /// <summary>A sale created through the admin API by staff made once per app (a new SKU each time).</summary>
    public static async Task<FlashSaleApi.CreatedSale> SaleAsync(
        EmporiumApp app, int quantity, int perUserLimit, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null, int? admitPerSecond = null)
    {
        var staff = Staff.GetValue(app, StaffAsync);
        if (FlashSaleApi.Now(app) - (await staff).At > TimeSpan.FromMinutes(20))
        {
            Staff.AddOrUpdate(app, staff = StaffAsync(app));
        }

        var (admin, seller, _) = await staff;
        return await FlashSaleApi.CreateSaleAsync(app, admin, seller, quantity, perUserLimit, stock: quantity + 3, startsAt, endsAt, admitPerSecond);
    }

    /// <summary><c>POST /api/flash-sales/{saleId}/purchase</c> with no body.</summary>
    public static async Task<Answer> PurchaseAsync(
        HttpClient client, string saleId, AuthenticationHeaderValue? authorization = null, string? purchaseTokenHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/flash-sales/{saleId}/purchase");
        request.Headers.Authorization = authorization;
        if (purchaseTokenHeader is not null)
        {
            request.Headers.Add("X-Purchase-Token", purchaseTokenHeader);
        }

        using var response = await client.SendAsync(request);
        return new Answer(
            (int)response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Headers.Location?.ToString(),
            response.Headers.TryGetValues("Retry-After", out var retry) ? retry.Single() : null);
    }

    /// <summary><c>GET /api/flash-sales/{saleId}</c>, expecting 200.</summary>
    public static Task<JsonElement> ViewAsync(HttpClient client, string saleId) => client.GetJsonAsync($"/api/flash-sales/{saleId}");

    public static async Task<(string Status, int Remaining)> StandingAsync(HttpClient client, string saleId)
    {
        var view = await ViewAsync(client, saleId);
        return (view.GetProperty("status").GetString()!, view.GetProperty("remaining").GetInt32());
    }

    public static async Task<List<StoredClaim>> StoredClaimsAsync(EmporiumApp app, string saleId)
    {
        await using var connection = await app.Database.OpenAsync();
        return [.. await connection.QueryAsync<StoredClaim>(
            "SELECT id AS Id, user_id AS UserId, status AS Status, claimed_at AS ClaimedAt, expires_at AS ExpiresAt FROM flashsales_claims WHERE sale_id = @saleId ORDER BY id",
            new { saleId = long.Parse(saleId, CultureInfo.InvariantCulture) })];
    }

    private static async Task<(HttpClient Admin, HttpClient Seller, DateTimeOffset At)> StaffAsync(EmporiumApp app) =>
        ((await TestUsers.AdminAsync(app)).Client, (await TestUsers.SellerAsync(app)).Client, FlashSaleApi.Now(app));
}
