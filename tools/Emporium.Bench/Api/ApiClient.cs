using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Emporium.Bench.Api;

/// <summary>An answer from the host: its status, its JSON body (if any) and its headers.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, JsonElement? Body, HttpResponseHeaders Headers)
{
    public int Code => (int)Status;

    public string Text(string property) =>
        Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty(property, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : throw new InvariantException($"The answer has no '{property}': {Body?.GetRawText()}");
}

/// <summary>
/// The bench's own HTTP client (<see cref="SocketsHttpHandler"/>), for setting scenarios up, for checking
/// them afterwards, and for the B1 acceptance run, where every single answer is read and counted.
/// Measured throughput comes from wrk, never from this client.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(Uri baseAddress, int connections = 32)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task<ApiAnswer> SendAsync(
        HttpMethod method, string path, CancellationToken cancellationToken, object? body = null, string? bearer = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        JsonElement? json = null;
        if (bytes.Length > 0 && response.Content.Headers.ContentType?.MediaType is { } type && type.Contains("json", StringComparison.Ordinal))
        {
            using var document = JsonDocument.Parse(bytes);
            json = document.RootElement.Clone();
        }

        return new ApiAnswer(response.StatusCode, json, response.Headers);
    }

    /// <summary>Sends and insists on <paramref name="expected"/>: anything else is a broken setup, and the run stops.</summary>
    public async Task<ApiAnswer> ExpectAsync(
        HttpStatusCode expected, HttpMethod method, string path, CancellationToken cancellationToken, object? body = null, string? bearer = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var answer = await SendAsync(method, path, cancellationToken, body, bearer, headers);
        return answer.Status == expected
            ? answer
            : throw new InvariantException($"{method} {path} answered {answer.Code}, expected {(int)expected}: {answer.Body?.GetRawText()}");
    }

    public void Dispose() => _http.Dispose();
}
