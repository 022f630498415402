using System.Globalization;
using System.Text.RegularExpressions;
using Emporium.Bench.Load;

namespace Emporium.Bench.Engines;

/// <summary>A Redis server on <c>host:port</c> (the host's <c>ConnectionStrings__Redis</c>, without options).</summary>
internal sealed record RedisTarget(string Host, int Port)
{
    public static RedisTarget Parse(string text)
    {
        var address = (text ?? "").Split(',')[0];
        var colon = address.LastIndexOf(':');
        return colon > 0 && int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? new RedisTarget(address[..colon], port)
            : throw new UsageException($"--redis must be host:port, not '{text}'.");
    }

    public IReadOnlyList<string> Arguments => ["-h", Host, "-p", Port.ToString(CultureInfo.InvariantCulture)];
}

/// <summary><c>redis-cli</c> for the setup and the checks: one command, its raw answer.</summary>
internal sealed class RedisCli(RedisTarget target)
{
    public async Task<string> RunAsync(CancellationToken cancellationToken, params string[] command)
    {
        var (exitCode, output, error) = await ExternalTool.RunAsync(["redis-cli", .. target.Arguments, "--raw", .. command], cancellationToken, "redis-tools");
        return exitCode == 0 && !output.StartsWith("ERR", StringComparison.Ordinal)
            ? output.Trim()
            : throw new InvariantException($"redis-cli {command[0]} failed: {output.Trim()} {error.Trim()}");
    }

    public async Task<long> NumberAsync(CancellationToken cancellationToken, params string[] command) =>
        long.Parse(await RunAsync(cancellationToken, command), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}

/// <summary>One script call, as redis-benchmark repeats it: <c>EVALSHA sha 2 gate buyers user now</c>.</summary>
/// <param name="Sha">The script's SHA1, as <c>SCRIPT LOAD</c> answered it.</param>
/// <param name="GateKey">The gate hash.</param>
/// <param name="BuyersKey">The buyers hash.</param>
/// <param name="Buyers">How many distinct buyer ids (<c>-r</c>: <c>__rand_int__</c> takes that many values).</param>
/// <param name="NowMs">The time the script compares with the sale's window (Unix ms).</param>
internal sealed record EvalShaCall(string Sha, string GateKey, string BuyersKey, int Buyers, long NowMs)
{
    public IReadOnlyList<string> Command =>
        ["EVALSHA", Sha, "2", GateKey, BuyersKey, "bench-buyer-__rand_int__", NowMs.ToString(CultureInfo.InvariantCulture)];
}

/// <summary>
/// Runs <c>redis-benchmark</c> (Debian package redis-tools) with wrk's connection count and thread count.
/// It runs a number of requests, not a time: each run asks for what the last one did per second times
/// the sample's seconds, so samples last about as long as wrk's. Requests/s and latency percentiles come
/// from its summary and its percentile table.
/// </summary>
internal sealed partial class RedisBenchmark(RedisTarget target, LoadSettings settings)
{
    public static Task<string> VersionAsync(CancellationToken cancellationToken) =>
        ExternalTool.VersionAsync("redis-benchmark", "redis-tools", cancellationToken);

    public string CommandLine(EvalShaCall call, long requests) => ExternalTool.Quote(Arguments(call, requests));

    public async Task<LoadSample> RunAsync(string name, EvalShaCall call, long requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var (exitCode, output, error) = await ExternalTool.RunAsync(Arguments(call, requests), cancellationToken, "redis-tools");
        var throughput = ThroughputPattern().Match(output);
        var summary = SummaryPattern().Match(output);
        if (exitCode != 0 || !throughput.Success || !summary.Success || output.Contains("Error", StringComparison.OrdinalIgnoreCase) || error.Contains("ERR", StringComparison.Ordinal))
        {
            throw new InvariantException($"redis-benchmark ({name}) exited {exitCode} without a clean summary: {error.Trim()} {Tail(output)}");
        }

        double Field(int group) => double.Parse(summary.Groups[group].Value, CultureInfo.InvariantCulture);
        var perSecond = double.Parse(throughput.Groups[1].Value, CultureInfo.InvariantCulture);

        // "90.123% <= 1.703 milliseconds": the first line at or past 90 % is the p90.
        var p90 = PercentilePattern().Matches(output)
            .Select(m => (Percent: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Ms: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .FirstOrDefault(p => p.Percent >= 90).Ms;
        return new LoadSample(
            name,
            requests,
            requests / perSecond,
            new Dictionary<string, long> { ["answered"] = requests },
            new SocketErrors(0, 0, 0, 0),
            new LatencyMs(Field(3), p90, Field(5), Field(6), Field(1)));
    }

    private IReadOnlyList<string> Arguments(EvalShaCall call, long requests) => ExternalTool.Pinned(settings.WrkCpus, [
        "redis-benchmark", .. target.Arguments,
        "-c", settings.Connections.ToString(CultureInfo.InvariantCulture),
        "--threads", settings.Threads.ToString(CultureInfo.InvariantCulture),
        "-n", requests.ToString(CultureInfo.InvariantCulture),
        "-r", call.Buyers.ToString(CultureInfo.InvariantCulture),
        .. call.Command,
    ]);

    private static string Tail(string output) => output.Length <= 600 ? output.Trim() : output[^600..].Trim();

    [GeneratedRegex(@"throughput summary: ([0-9.]+) requests per second")]
    private static partial Regex ThroughputPattern();

    // avg min p50 p95 p99 max
    [GeneratedRegex(@"avg\s+min\s+p50\s+p95\s+p99\s+max\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)")]
    private static partial Regex SummaryPattern();

    [GeneratedRegex(@"([0-9.]+)% <= ([0-9.]+) milliseconds")]
    private static partial Regex PercentilePattern();
}
