using System.Net.Http.Json;
using System.Text.Json;

namespace Emporium.IntegrationTests.Infrastructure;

public static class Json
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCodeExpectation expected = default)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(expected.Status == 0 ? 200 : expected.Status, $"GET {url} → {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();

    public static IEnumerable<string> Strings(this JsonElement array, string property) =>
        array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!);
}

/// <summary>The status a GET is expected to answer with (200 by default).</summary>
public readonly record struct HttpStatusCodeExpectation(int Status)
{
    public static implicit operator HttpStatusCodeExpectation(int status) => new(status);
}
