using System.Text;
using Emporium.Bench.Results;

namespace Emporium.Bench.Report;

/// <summary>The per-query parts of the report: a bar chart, the full table, and the in-process profile.</summary>
internal static class ReportSections
{
    private const int ChartWidth = 60;
    private const int LabelWidth = 46;

    /// <summary>One bar per query: the engine's own time, then what the endpoint adds on top of it.</summary>
    public static void AppendChart(StringBuilder md, SearchRun run)
    {
        var queries = run.Queries.OrderByDescending(q => q.EndpointMedian).ToList();
        var scale = ChartWidth / Math.Max(1, queries.Max(q => Math.Max(q.EndpointMedian, q.RawMedian)));
        md.AppendLine("### Per query: median latency").AppendLine()
          .AppendLine("`█` the engine alone (baseline), `░` what the endpoint adds on top; figures are endpoint / raw medians in ms.").AppendLine()
          .AppendLine("```text");
        foreach (var q in queries)
        {
            var raw = (int)Math.Round(Math.Min(q.RawMedian, q.EndpointMedian) * scale);
            var extra = Math.Max(0, (int)Math.Round(q.EndpointMedian * scale) - raw);
            var label = q.Label.Length > LabelWidth ? q.Label[..(LabelWidth - 1)] + "…" : q.Label;
            md.AppendLine($"{label.PadRight(LabelWidth)} {new string('█', raw)}{new string('░', extra)} {q.EndpointMedian:F0} / {q.RawMedian:F0}");
        }

        md.AppendLine("```").AppendLine();
    }

    public static void AppendQueries(StringBuilder md, SearchRun run)
    {
        md.AppendLine("<details><summary>Every query (medians and maxima over all rounds, ms)</summary>").AppendLine()
          .AppendLine("| query and filters | total | endpoint median | endpoint max | raw median | raw max | ratio |")
          .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var q in run.Queries.OrderByDescending(q => q.EndpointMedian))
        {
            md.AppendLine($"| `{q.Label}` | {q.Total:N0} | {q.EndpointMedian:F1} | {q.EndpointMax:F1} | {q.RawMedian:F1} | {q.RawMax:F1} | {q.EndpointMedian / q.RawMedian:F2} |");
        }

        md.AppendLine().AppendLine("</details>").AppendLine();
    }

    /// <summary>Where the endpoint's time goes: the app's own components, timed step by step in-process.</summary>
    public static void AppendProfile(StringBuilder md, ProfileRun profile, string path)
    {
        var steps = profile.PipelineSteps;
        var sums = Enumerable.Range(0, profile.Steps.Count).Select(s => profile.Queries.Sum(q => q.StepMedians[s])).ToList();
        var stepsTotal = sums.Take(steps).Sum();
        md.AppendLine("### Where the endpoint's time goes").AppendLine()
          .AppendLine($"`Emporium.Bench profile` (from `{path}`) runs the catalog's own components in-process (`TypoCorrector`, `SqliteFullTextIndex`, `FacetCounter`) on the same queries and file, {profile.Repeat} times each after a warm-up, without HTTP. Sum over all {profile.Queries.Count} queries of each step's median:")
          .AppendLine()
          .AppendLine("| step | ms (sum of medians) | share |").AppendLine("|---|---|---|");
        for (var s = 0; s < steps; s++)
        {
            md.AppendLine($"| {profile.Steps[s]} | {sums[s]:F0} | {sums[s] / stepsTotal * 100:F0} % |");
        }

        md.AppendLine($"| *{profile.Steps[steps]} (check: ≈ the steps without JSON)* | {sums[steps]:F0} | |");

        var candidates = profile.Queries.Sum(q => q.Candidates);
        var totals = profile.Queries.Sum(q => q.Total);
        md.AppendLine()
          .AppendLine($"The candidate read hands {candidates:N0} rows to C# across the queries for {totals:N0} results " +
                      $"({(totals == 0 ? 0 : (double)candidates / totals):F1} rows read per result): brand, price and rating filters apply in memory, after every matching row has crossed from SQLite.")
          .AppendLine()
          .AppendLine("Slowest queries in-process (ms per step):").AppendLine()
          .AppendLine("| query | candidates | total | " + string.Join(" | ", profile.Steps) + " |")
          .AppendLine("|---|---|---|" + string.Concat(Enumerable.Repeat("---|", profile.Steps.Count)));
        foreach (var q in profile.Queries.OrderByDescending(q => q.StepMedians[steps]).Take(5))
        {
            md.AppendLine($"| `{q.Label}` | {q.Candidates:N0} | {q.Total:N0} | " + string.Join(" | ", q.StepMedians.Select(v => v.ToString("F1", null))) + " |");
        }

        md.AppendLine();
    }
}
