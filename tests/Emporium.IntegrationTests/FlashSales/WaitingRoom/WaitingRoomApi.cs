using System.Net.Http.Json;
using System.Text.Json;

namespace Emporium.IntegrationTests.FlashSales.WaitingRoom;

/// <summary>The waiting-room routes and the purchase route as tests call them.</summary>
internal static class WaitingRoomApi
{
    /// <summary>A ticket as answered: <c>{ ticket, status, position, estimatedWaitSeconds, purchaseToken?, purchaseTokenExpiresAt? }</c>.</summary>
    public sealed record Ticket(string Value, string Status, long Position, long EstimatedWaitSeconds, string? PurchaseToken, DateTimeOffset? PurchaseTokenExpiresAt)
    {
        public static Ticket Parse(string body)
        {
            var json = JsonDocument.Parse(body).RootElement;
            return new Ticket(
                json.GetProperty("ticket").GetString()!,
                json.GetProperty("status").GetString()!,
                json.GetProperty("position").GetInt64(),
                json.GetProperty("estimatedWaitSeconds").GetInt64(),
                json.TryGetProperty("purchaseToken", out var token) ? token.GetString() : null,
                json.TryGetProperty("purchaseTokenExpiresAt", out var expires) ? expires.GetDateTimeOffset() : null);
        }
    }

    /// <summary><c>POST /api/flash-sales/{saleId}/queue</c>: the status code and body.</summary>
    public static async Task<(int Status, string Body)> JoinRawAsync(HttpClient buyer, string saleId)
    {
        using var response = await buyer.PostAsync($"/api/flash-sales/{saleId}/queue", null);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == System.Net.HttpStatusCode.Created)
        {
            response.Headers.Location?.ToString().ShouldBe($"/api/flash-sales/{saleId}/queue/{Ticket.Parse(body).Value}");
        }

        return ((int)response.StatusCode, body);
    }

    /// <summary>Joins and expects <paramref name="expectedStatus"/> (201 for a first join, 200 for the same buyer again).</summary>
    public static async Task<Ticket> JoinAsync(HttpClient buyer, string saleId, int expectedStatus = 201)
    {
        var (status, body) = await JoinRawAsync(buyer, saleId);
        status.ShouldBe(expectedStatus, body);
        return Ticket.Parse(body);
    }

    /// <summary><c>GET /api/flash-sales/{saleId}/queue/{ticket}</c>: the status code and body.</summary>
    public static async Task<(int Status, string Body)> GetRawAsync(HttpClient buyer, string saleId, string ticket)
    {
        using var response = await buyer.GetAsync($"/api/flash-sales/{saleId}/queue/{Uri.EscapeDataString(ticket)}");
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<Ticket> GetAsync(HttpClient buyer, string saleId, string ticket)
    {
        var (status, body) = await GetRawAsync(buyer, saleId, ticket);
        status.ShouldBe(200, body);
        return Ticket.Parse(body);
    }

    /// <summary><c>POST /api/flash-sales/{saleId}/purchase</c> with <c>{ purchaseToken }</c> (no body when null).</summary>
    public static async Task<(int Status, string Body)> PurchaseAsync(HttpClient buyer, string saleId, string? purchaseToken)
    {
        using var response = purchaseToken is null
            ? await buyer.PostAsync($"/api/flash-sales/{saleId}/purchase", null)
            : await buyer.PostAsJsonAsync($"/api/flash-sales/{saleId}/purchase", new { purchaseToken });
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The stable <c>code</c> of a ProblemDetails body.</summary>
    public static string Code(string body) => JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;

    /// <summary>Asserts a ProblemDetails answer with this status and code.</summary>
    public static void ShouldBeProblem(this (int Status, string Body) answer, int status, string code)
    {
        answer.Status.ShouldBe(status, answer.Body);
        Code(answer.Body).ShouldBe(code, answer.Body);
    }
}
