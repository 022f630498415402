using System.Globalization;
using System.Text.RegularExpressions;
using Emporium.Bench.Load;
using Emporium.Bench.Results;
using Npgsql;

namespace Emporium.Bench.Engines;

/// <summary>The PostgreSQL database the host uses: the bench's checks and pgbench both connect to it.</summary>
internal sealed class PgTarget(string connectionString)
{
    private readonly NpgsqlConnectionStringBuilder _builder = new(connectionString);

    public string ConnectionString => connectionString;

    /// <summary>pgbench's connection options: host, port, user, then the database name last.</summary>
    public IReadOnlyList<string> PgBenchArguments =>
        ["-h", _builder.Host ?? "127.0.0.1", "-p", _builder.Port.ToString(CultureInfo.InvariantCulture), "-U", _builder.Username ?? "postgres", _builder.Database ?? "postgres"];

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}

/// <summary>
/// Runs <c>pgbench</c> (Debian package postgresql-contrib) with a custom script (<c>-f</c>) for a fixed
/// time with the same client count as wrk's connections, in the extended query protocol (what Npgsql
/// speaks, statements not prepared), and reads its summary. Latency percentiles come from its
/// per-transaction log (<c>-l</c>): pgbench's summary has only the average.
/// </summary>
internal sealed partial class PgBench(PgTarget target, LoadSettings settings, string script, IReadOnlyDictionary<string, string> variables)
{
    /// <summary>Where the script lives in the repository (the build copies it next to the tool).</summary>
    public const string CheckoutScriptInRepository = "tools/Emporium.Bench/Load/checkout.pgbench.sql";

    public static string CheckoutScript => Path.Combine(AppContext.BaseDirectory, "Load", "checkout.pgbench.sql");

    public static Task<string> VersionAsync(CancellationToken cancellationToken) =>
        ExternalTool.VersionAsync("pgbench", "postgresql-contrib", cancellationToken);

    /// <summary>The command line a reader can type to repeat one measurement (without the latency log).</summary>
    public string CommandLine(int? seconds = null) =>
        ExternalTool.Quote(Arguments(seconds ?? settings.Seconds, logPrefix: null).Select(a => a == script ? CheckoutScriptInRepository : a));

    public async Task<LoadSample> RunAsync(string name, CancellationToken cancellationToken, int? seconds = null)
    {
        var logs = Directory.CreateTempSubdirectory("emporium-pgbench-");
        try
        {
            var (exitCode, output, error) = await ExternalTool.RunAsync(
                Arguments(seconds ?? settings.Seconds, Path.Combine(logs.FullName, "tx")), cancellationToken, "postgresql-contrib");
            var processed = Number(ProcessedPattern(), output);
            var failed = Number(FailedPattern(), output) ?? 0;
            var tps = TpsPattern().Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            if (exitCode != 0 || processed is not > 0 || tps <= 0 || failed > 0 || output.Contains("aborted", StringComparison.Ordinal))
            {
                throw new InvariantException($"pgbench ({name}) exited {exitCode}: {processed?.ToString(CultureInfo.InvariantCulture) ?? "?"} transactions, {failed} failed. {error.Trim()} {output.Trim()}");
            }

            var latencies = ReadLatencies(logs);
            return new LoadSample(
                name,
                processed.Value,
                processed.Value / tps,
                new Dictionary<string, long> { ["committed"] = processed.Value },
                new SocketErrors(0, 0, 0, 0),
                new LatencyMs(
                    Stats.Percentile(latencies, 50),
                    Stats.Percentile(latencies, 90),
                    Stats.Percentile(latencies, 99),
                    latencies.Count == 0 ? double.NaN : latencies.Max(),
                    latencies.Count == 0 ? double.NaN : latencies.Average()));
        }
        finally
        {
            logs.Delete(recursive: true);
        }
    }

    private List<string> Arguments(int seconds, string? logPrefix)
    {
        var arguments = new List<string>
        {
            "pgbench", "-n", "-M", "extended",
            "-c", settings.Connections.ToString(CultureInfo.InvariantCulture),
            "-j", settings.Threads.ToString(CultureInfo.InvariantCulture),
            "-T", seconds.ToString(CultureInfo.InvariantCulture),
            "-f", script,
        };
        foreach (var (variable, value) in variables)
        {
            arguments.AddRange(["-D", $"{variable}={value}"]);
        }

        if (logPrefix is not null)
        {
            arguments.AddRange(["-l", "--log-prefix=" + logPrefix]);
        }

        arguments.AddRange(target.PgBenchArguments);
        return [.. ExternalTool.Pinned(settings.WrkCpus, arguments)];
    }

    /// <summary>Every transaction's latency in ms: the third field of each line of each thread's log.</summary>
    private static List<double> ReadLatencies(DirectoryInfo logs)
    {
        var latencies = new List<double>();
        foreach (var file in logs.EnumerateFiles("tx*"))
        {
            foreach (var line in File.ReadLines(file.FullName))
            {
                var fields = line.Split(' ');
                if (fields.Length > 2 && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var micros))
                {
                    latencies.Add(micros / 1000.0);
                }
            }
        }

        return latencies;
    }

    private static long? Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex ProcessedPattern();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedPattern();

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsPattern();
}
