using Emporium.Bench.Results;
using Spectre.Console;

namespace Emporium.Bench.Load;

/// <summary>One kind of sample in a round: how to take it (setting up what it needs, checking what it got).</summary>
internal sealed record Measurement(string Name, Func<int, CancellationToken, Task<LoadSample>> RunAsync);

/// <summary>
/// Rounds of samples, baseline and subjects interleaved, the order rotated each round (round 1: A B C,
/// round 2: B C A, …) so that no side always runs first, on a cold page cache or a hot CPU.
/// </summary>
internal static class InterleavedRounds
{
    public static async Task<IReadOnlyList<ThroughputRound>> RunAsync(int rounds, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var results = new List<ThroughputRound>();
        for (var round = 1; round <= rounds; round++)
        {
            var samples = new List<LoadSample>();
            for (var i = 0; i < measurements.Count; i++)
            {
                var measurement = measurements[(i + round - 1) % measurements.Count];
                var sample = await measurement.RunAsync(round, cancellationToken);
                PrintSample($"round {round}/{rounds}", sample);
                samples.Add(sample);
            }

            results.Add(new ThroughputRound(round, samples));
        }

        return results;
    }

    public static void PrintSample(string label, LoadSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        AnsiConsole.MarkupLine(
            $"  {Markup.Escape(label)}  {Markup.Escape(sample.Name),-34} [bold]{sample.RequestsPerSecond,10:N0}[/] req/s  p50 {sample.Latency.P50,6:F1} ms  p99 {sample.Latency.P99,6:F1} ms  [grey]{Markup.Escape(sample.StatusText())}[/]");
    }

    /// <summary>The figures on the console: median (lowest–highest round) and the verdict.</summary>
    public static void PrintFigures(ThroughputRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var table = new Table().AddColumns("figure", "subject req/s", "baseline req/s", "ratio", "goal", "");
        foreach (var figure in run.Figures)
        {
            var (subject, baseline, ratio) = run.Across(figure);
            table.AddRow(
                Markup.Escape(figure.Name),
                $"{subject.Median:N0} ({subject.Min:N0}–{subject.Max:N0})",
                $"{baseline.Median:N0} ({baseline.Min:N0}–{baseline.Max:N0})",
                $"{ratio.Median:F2} ({ratio.Min:F2}–{ratio.Max:F2})",
                $"≥ {figure.Goal:0.##}",
                ratio.Median >= figure.Goal ? "[green]met[/]" : "[red]not met[/]");
        }

        AnsiConsole.Write(table);
    }
}
