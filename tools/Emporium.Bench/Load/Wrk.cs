using System.Diagnostics;
using System.Text.Json;

namespace Emporium.Bench.Load;

/// <summary>What wrk sends: a mode of Load/emporium.lua and its file, list and body (see the script's header).</summary>
internal sealed record WrkRequest(string Mode, string? File = null, string? List = null, string? Body = null)
{
    public static readonly WrkRequest Baseline = new("baseline");
}

/// <summary>
/// Runs <c>wrk</c> (the Debian package) with Load/emporium.lua and reads the one JSON line the script
/// prints at the end. The bench process itself only waits meanwhile: it adds no load of its own.
/// </summary>
internal sealed class Wrk(Uri url, LoadSettings settings)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Script => Path.Combine(AppContext.BaseDirectory, "Load", "emporium.lua");

    /// <summary>wrk's version line, or a usage error naming the package when it is not installed.</summary>
    public static async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (_, output, error) = await RunAsync("wrk", ["--version"], cancellationToken);
            var text = (output + error).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "wrk";
            return text.Split(" Copyright", 2)[0].Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UsageException("wrk is not installed: apt-get install -y wrk (scripts/bench.sh installs it).");
        }
    }

    /// <summary>The command line a reader can type to repeat one measurement (files as the bench wrote them).</summary>
    public string CommandLine(WrkRequest request, int? seconds = null) =>
        string.Join(' ', Arguments(request, seconds ?? settings.Seconds)
            .Select(a => a == Script ? ScriptInRepository : a)
            .Select(a => a.Length == 0 || a.Contains(' ', StringComparison.Ordinal) || a.Contains('"', StringComparison.Ordinal) ? $"'{a}'" : a));

    /// <summary>Where the script lives in the repository (the build copies it next to the tool).</summary>
    public const string ScriptInRepository = "tools/Emporium.Bench/Load/emporium.lua";

    public async Task<LoadSample> RunAsync(string name, WrkRequest request, CancellationToken cancellationToken, int? seconds = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = Arguments(request, seconds ?? settings.Seconds);
        var (exitCode, output, error) = await RunAsync(arguments[0], arguments[1..], cancellationToken);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("EMPORIUM_WRK ", StringComparison.Ordinal));
        if (exitCode != 0 || line is null)
        {
            throw new InvariantException($"wrk ({name}) exited {exitCode} without its summary: {error.Trim()} {output.Trim()}");
        }

        var summary = JsonSerializer.Deserialize<Summary>(line["EMPORIUM_WRK ".Length..], Json)
            ?? throw new InvariantException($"wrk ({name}) printed an empty summary.");
        return new LoadSample(
            name,
            summary.Requests,
            summary.DurationUs / 1e6,
            summary.Statuses,
            new SocketErrors(summary.Errors.Connect, summary.Errors.Read, summary.Errors.Write, summary.Errors.Timeout),
            new LatencyMs(summary.LatencyUs.P50 / 1e3, summary.LatencyUs.P90 / 1e3, summary.LatencyUs.P99 / 1e3, summary.LatencyUs.Max / 1e3, summary.LatencyUs.Mean / 1e3));
    }

    private string[] Arguments(WrkRequest request, int seconds)
    {
        var arguments = new List<string>();
        if (settings.WrkCpus is { } cpus)
        {
            arguments.AddRange(["taskset", "-c", cpus]);
        }

        arguments.AddRange([
            "wrk", $"-t{settings.Threads}", $"-c{settings.Connections}", $"-d{seconds}s", "--timeout", "10s",
            "-s", Script, url.ToString().TrimEnd('/'), "--", request.Mode, settings.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]);
        // Positional after MODE and THREADS: FILE, LIST, BODY, each only as far as one is given.
        string?[] rest = [request.File, request.List, request.Body];
        var given = Array.FindLastIndex(rest, r => r is not null) + 1;
        arguments.AddRange(rest.Take(given).Select(r => r ?? ""));

        return [.. arguments];
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // Ctrl+C: no wrk left loading the host
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    private sealed record Summary(long Requests, long DurationUs, long Bytes, ErrorCounts Errors, Dictionary<string, long> Statuses, Latency LatencyUs);

    private sealed record ErrorCounts(long Connect, long Read, long Write, long Status, long Timeout);

    private sealed record Latency(double P50, double P90, double P99, double Max, double Mean);
}
