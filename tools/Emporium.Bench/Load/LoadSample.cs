using System.Globalization;

namespace Emporium.Bench.Load;

/// <summary>
/// One measurement: a wrk run of <see cref="Seconds"/> against one subject or baseline. Every completed
/// request's status is counted; the socket errors are wrk's own (connect, read, write, timeout).
/// </summary>
internal sealed record LoadSample(
    string Name,
    long Requests,
    double Seconds,
    IReadOnlyDictionary<string, long> Statuses,
    SocketErrors Errors,
    LatencyMs Latency)
{
    public double RequestsPerSecond => Requests / Seconds;

    public long Count(int status) => Statuses.GetValueOrDefault(status.ToString(CultureInfo.InvariantCulture));

    /// <summary>The statuses as one short text, e.g. <c>201 × 51,200; 410 × 3</c>.</summary>
    public string StatusText() =>
        Statuses.Count == 0 ? "none" : string.Join("; ", Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} × {s.Value:N0}"));

    /// <summary>
    /// Every answer had one of <paramref name="expected"/> statuses, no connection failed, and wrk counted
    /// each answer it completed: otherwise the sample is void and the run fails. A request wrk gave up on
    /// (no answer within its timeout, 10 s) is not a failure of the invariant but a figure of its own:
    /// the report shows every one.
    /// </summary>
    public void Expect(string what, params int[] expected)
    {
        var counted = Statuses.Values.Sum();
        var unexpected = Statuses.Where(s => !expected.Any(e => e.ToString(CultureInfo.InvariantCulture) == s.Key)).ToList();
        if (unexpected.Count > 0)
        {
            throw new InvariantException($"{what}: expected only {string.Join(" or ", expected)}, got {StatusText()}.");
        }

        if (Errors.Connect + Errors.Read + Errors.Write > 0)
        {
            throw new InvariantException($"{what}: socket errors {Errors}.");
        }

        if (counted != Requests || Requests == 0)
        {
            throw new InvariantException($"{what}: wrk completed {Requests:N0} requests but counted {counted:N0} answers.");
        }
    }
}

internal sealed record SocketErrors(long Connect, long Read, long Write, long Timeout)
{
    public long Total => Connect + Read + Write + Timeout;
}

/// <summary>wrk's latency percentiles for one sample, in milliseconds (closed loop: each connection waits for its answer).</summary>
internal sealed record LatencyMs(double P50, double P90, double P99, double Max, double Mean);
