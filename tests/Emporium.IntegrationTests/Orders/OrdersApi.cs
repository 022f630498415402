using System.Net.Http.Json;
using System.Text.Json;

namespace Emporium.IntegrationTests.Orders;

/// <summary>The orders HTTP API as tests call it: each call answers its status code and body.</summary>
internal static class OrdersApi
{
    public static async Task<(int Status, JsonElement Body)> CancelAsync(HttpClient client, string orderId, object? body = null)
    {
        using var response = body is null
            ? await client.PostAsync($"/api/orders/{orderId}/cancel", content: null)
            : await client.PostAsJsonAsync($"/api/orders/{orderId}/cancel", body);
        return await ReadAsync(response);
    }

    public static async Task<(int Status, JsonElement Body)> TransitionAsync(HttpClient staff, string orderId, object? body)
    {
        using var response = body is null
            ? await staff.PostAsync($"/api/admin/orders/{orderId}/transitions", content: null)
            : await staff.PostAsJsonAsync($"/api/admin/orders/{orderId}/transitions", body);
        return await ReadAsync(response);
    }

    /// <summary>Moves an order through staff transitions, expecting each to succeed.</summary>
    public static async Task<JsonElement> MoveAsync(HttpClient staff, string orderId, params object[] transitions)
    {
        JsonElement order = default;
        foreach (var transition in transitions)
        {
            var (status, body) = await TransitionAsync(staff, orderId, transition);
            status.ShouldBe(200, body.ToString());
            order = body;
        }

        return order;
    }

    public static string Status(this JsonElement order) => order.GetProperty("status").GetString()!;

    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;

    public static IEnumerable<string> ErrorFields(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name);

    /// <summary>The history as (type, actor kind) pairs.</summary>
    public static List<(string Type, string Actor)> History(this JsonElement order) =>
        order.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("actor").GetString()!)).ToList();

    private static async Task<(int Status, JsonElement Body)> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
