namespace Emporium.Bench.Load;

/// <summary>
/// How load is generated, the same for every subject and its baseline in a run: <c>wrk</c> with
/// <see cref="Threads"/> threads and <see cref="Connections"/> kept-alive connections for
/// <see cref="Seconds"/> per measurement. <see cref="WrkCpus"/> and <see cref="HostCpus"/> say how the
/// two cores are shared (a <c>taskset</c> CPU list, or null: left to the scheduler).
/// </summary>
internal sealed record LoadSettings(string Tool, int Threads, int Connections, int Seconds, int Rounds, string? WrkCpus, string? HostCpus)
{
    public static LoadSettings From(Args args, string tool)
    {
        ArgumentNullException.ThrowIfNull(args);
        var threads = args.Integer("threads", 2);
        var connections = args.Integer("connections", 64);
        if (connections < threads)
        {
            throw new UsageException("--connections must be at least --threads (wrk gives each thread its share).");
        }

        return new LoadSettings(
            tool,
            threads,
            connections,
            args.Integer("duration", 10),
            // The method asks for at least three rounds: a median and a spread need them.
            args.Integer("rounds", 3, min: 3),
            NullIfEmpty(args.Optional("wrk-cpus")),
            NullIfEmpty(args.Optional("host-cpus")));
    }

    /// <summary>How load generator and host share the machine, in words for the report.</summary>
    public string Sharing() => (WrkCpus, HostCpus) switch
    {
        (null, null) => "not pinned: wrk and the host share every core, as the scheduler decides",
        ({ } wrk, { } host) => $"pinned with `taskset`: wrk on CPU {wrk}, the host on CPU {host}, the same for subject and baseline",
        ({ } wrk, null) => $"wrk pinned to CPU {wrk} with `taskset`, the host not pinned",
        (null, { } host) => $"the host pinned to CPU {host} with `taskset`, wrk not pinned",
    };

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
