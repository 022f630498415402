using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Emporium.Bench.Search;

/// <summary>
/// The subject: <c>GET /api/search</c> over one kept-alive connection, one request at a time.
/// Every request carries a unique <c>_b</c> parameter (the API ignores it) so the output cache,
/// which varies by every query parameter, never answers for the application.
/// </summary>
internal sealed class EndpointClient : IDisposable
{
    private readonly HttpClient _http;

    // Unique per process, so a second run within the cache lifetime (10 s) cannot hit the first run's entries.
    private readonly string _run = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Stopwatch.GetTimestamp().ToString(System.Globalization.CultureInfo.InvariantCulture);
    private long _counter;

    public EndpointClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Times one request up to the last byte of the body; parsing happens after the clock stops.</summary>
    public async Task<(double Milliseconds, SearchAnswer Answer)> SearchAsync(SearchCase query, CancellationToken cancellationToken)
    {
        var uri = new Uri("/api/search?" + query.QueryString() + "&_b=" + _run + "-" + Interlocked.Increment(ref _counter), UriKind.Relative);
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvariantException($"GET {uri} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        return (elapsed, Parse(body));
    }

    private static SearchAnswer Parse(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var facets = root.GetProperty("facets");
        return new SearchAnswer(
            root.GetProperty("total").GetInt64(),
            Facet(facets, "brand"),
            Facet(facets, "price"),
            Facet(facets, "rating"),
            root.GetProperty("items").EnumerateArray().Select(i => long.Parse(i.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList());
    }

    private static Dictionary<string, long> Facet(JsonElement facets, string name) =>
        facets.GetProperty(name).EnumerateArray().ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt64(), StringComparer.Ordinal);

    public void Dispose() => _http.Dispose();
}
