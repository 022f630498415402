using Emporium.Bench.Load;

namespace Emporium.Bench.Results;

/// <summary>
/// Everything one throughput scenario (B1, B2, B3, B4, B6) measured, written as JSON; <c>report</c> renders
/// its section of docs/benchmarks.md from this alone.
/// </summary>
/// <param name="Scenario">B1, B2, B3, B4 or B6.</param>
/// <param name="Scale"><c>small</c> (a quick look) or <c>full</c> (the report).</param>
/// <param name="Machine">Where and when it ran.</param>
/// <param name="Load">wrk's settings, the same for every sample.</param>
/// <param name="WrkVersion">wrk's version line.</param>
/// <param name="Host">How the measured host(s) ran: configuration that matters to the figures.</param>
/// <param name="Measures">What each sample is, in a sentence each, for the report.</param>
/// <param name="Checks">The invariants checked at the end, each with what was found.</param>
/// <param name="Figures">The ratios the report states and judges.</param>
/// <param name="Rounds">Every sample, round by round.</param>
/// <param name="Setup">The commands the script ran before the bench (tokens, hosts), as it ran them.</param>
/// <param name="Commands">The wrk command line of each sample kind, to repeat one by hand.</param>
/// <param name="CommandLine">The bench command that produced this file.</param>
/// <param name="Script">The script that ran it, if any (the reproduce command).</param>
/// <param name="BaselineTool">The engine's own load tool that measured the baselines (B2 redis-benchmark, B3
/// pgbench), with its version; null when wrk measured every sample.</param>
internal sealed record ThroughputRun(
    string Scenario,
    string Scale,
    MachineInfo Machine,
    LoadSettings Load,
    string WrkVersion,
    IReadOnlyList<string> Host,
    IReadOnlyList<RatioFigure> Figures,
    IReadOnlyList<ThroughputRound> Rounds,
    IReadOnlyList<string> Measures,
    IReadOnlyList<string> Checks,
    IReadOnlyList<string>? Setup,
    IReadOnlyList<string> Commands,
    string CommandLine,
    string? Script,
    string? BaselineTool = null)
{
    /// <summary>One figure across rounds: the subject's and the baseline's requests/s and their ratio, each as median and spread.</summary>
    public (Spread Subject, Spread Baseline, Spread Ratio) Across(RatioFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return (
            Stats.Across(Rounds.Select(r => r.Sample(figure.Subject).RequestsPerSecond)),
            Stats.Across(Rounds.Select(r => r.Sample(figure.Baseline).RequestsPerSecond)),
            Stats.Across(Rounds.Select(r => r.Ratio(figure))));
    }

    /// <summary>A sample's p99 latency (ms) across rounds.</summary>
    public Spread P99(string sample) => Stats.Across(Rounds.Select(r => r.Sample(sample).Latency.P99));
}

/// <summary>
/// A figure the report states and judges: <see cref="Subject"/>'s requests/s ÷ <see cref="Baseline"/>'s,
/// per round, against a goal of at least <see cref="Goal"/>.
/// </summary>
internal sealed record RatioFigure(string Name, string Subject, string Baseline, double Goal);

/// <summary>One round: each sample once, in the order run (rotated from round to round).</summary>
internal sealed record ThroughputRound(int Round, IReadOnlyList<LoadSample> Samples)
{
    public LoadSample Sample(string name) =>
        Samples.FirstOrDefault(s => s.Name == name) ?? throw new InvalidDataException($"Round {Round} has no sample '{name}'.");

    public double Ratio(RatioFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return Sample(figure.Subject).RequestsPerSecond / Sample(figure.Baseline).RequestsPerSecond;
    }
}
