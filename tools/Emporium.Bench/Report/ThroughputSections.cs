using System.Text;
using Emporium.Bench.Results;

namespace Emporium.Bench.Report;

/// <summary>The sections of B1, B2, B3, B4 and B6: ratios to a baseline, the rounds, what is measured, how to reproduce.</summary>
internal static class ThroughputSections
{
    public const string MeasuredPrefix = "Measured on ";

    public static string Measured(MachineInfo machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return $"{MeasuredPrefix}{machine.Date:yyyy-MM-dd HH:mm} UTC at commit `{machine.Commit}`.";
    }

    public static string Title(string scenario) => scenario switch
    {
        "B1" => "flash sale, embedded (SQLite)",
        "B2" => "flash sale on Redis (PostgreSQL + Redis, scale-out mode)",
        "B3" => "checkout on PostgreSQL",
        "B4" => "claims and checkouts with group commit vs one transaction per request (SQLite)",
        "B6" => "cart view and cart add",
        _ => scenario,
    };

    public static string Verdict(RatioFigure figure, Spread ratio) => ratio.Median >= figure.Goal ? "met" : "not met";

    public static void Append(StringBuilder md, ThroughputRun run, string reportCommand)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(run);
        var figures = run.Figures.Select(f => (Figure: f, Across: run.Across(f))).ToList();
        md.AppendLine($"## {run.Scenario}: {Title(run.Scenario)}").AppendLine()
          .AppendLine("**Goals:** " + string.Join("; ", run.Figures.Select(f => $"{f.Name} ≥ {f.Goal:0.##}")) + ".").AppendLine()
          .AppendLine("**Result:** " + string.Join("; ", figures.Select(f => $"{f.Figure.Name} **{f.Across.Ratio.Median:F2}** — {Verdict(f.Figure, f.Across.Ratio)}")) + ".")
          .AppendLine()
          .AppendLine(Measured(run.Machine) + (run.Scale == "full" ? "" : $" Scale `{run.Scale}`: a quick look, not the report's figures."))
          .AppendLine()
          .AppendLine("| figure | subject req/s | baseline req/s | ratio | goal | |")
          .AppendLine("|---|---|---|---|---|---|");
        foreach (var (figure, (subject, baseline, ratio)) in figures)
        {
            md.AppendLine($"| {figure.Name} | {Format(subject, "N0")} | {Format(baseline, "N0")} | **{Format(ratio, "F2")}** | ≥ {figure.Goal:0.##} | {Verdict(figure, ratio)} |");
        }

        var names = run.Rounds[0].Samples.Select(s => s.Name).ToList();
        md.AppendLine().AppendLine(run.BaselineTool is null
                ? "Latency under this load (wrk, closed loop: each connection waits for its answer; median of the rounds, ms):"
                : "Latency under this load (closed loop: each connection or client waits for its answer; wrk for the HTTP samples, the engine's tool for the baseline; median of the rounds, ms):").AppendLine()
          .AppendLine("| sample | p50 | p90 | p99 | p99 spread | no answer in 10 s |").AppendLine("|---|---|---|---|---|---|");
        foreach (var name in names)
        {
            var p99 = run.P99(name);
            var timeouts = run.Rounds.Sum(r => r.Sample(name).Errors.Timeout);
            var requests = run.Rounds.Sum(r => r.Sample(name).Requests);
            md.AppendLine($"| {name} | {Median(run, name, l => l.P50)} | {Median(run, name, l => l.P90)} | {p99.Median:F1} | {p99.Min:F1}–{p99.Max:F1} | "
                + (timeouts == 0 ? "0" : $"**{timeouts:N0}** of {requests + timeouts:N0}") + " |");
        }

        md.AppendLine().AppendLine("Every round (requests/s; the order rotates from round to round):").AppendLine()
          .AppendLine("| round | order | " + string.Join(" | ", names) + " | " + string.Join(" | ", run.Figures.Select(f => f.Name)) + " |")
          .AppendLine("|---|---|" + string.Concat(Enumerable.Repeat("---|", names.Count + run.Figures.Count)));
        foreach (var round in run.Rounds)
        {
            var order = string.Join(" → ", round.Samples.Select(s => names.IndexOf(s.Name) + 1));
            md.AppendLine($"| {round.Round} | {order} | " + string.Join(" | ", names.Select(n => round.Sample(n).RequestsPerSecond.ToString("N0", null)))
                + " | " + string.Join(" | ", run.Figures.Select(f => round.Ratio(f).ToString("F2", null))) + " |");
        }

        md.AppendLine().AppendLine($"(Order: the samples' column numbers, {string.Join(", ", names.Select((n, i) => $"{i + 1} = {n}"))}.)").AppendLine()
          .AppendLine("### What is measured").AppendLine();
        foreach (var measure in run.Measures)
        {
            md.AppendLine("- " + measure);
        }

        var load = run.Load;
        md.AppendLine(run.BaselineTool is null
                ? $"- **Load:** {run.WrkVersion} with `{Load.Wrk.ScriptInRepository}` (one script for subject and baseline: it builds each request and counts each answer's status), {load.Threads} threads, {load.Connections} connections, {load.Seconds} s per sample, {load.Rounds} rounds after a warm-up of each sample; {load.Sharing()}. The machine has {run.Machine.Cores} cores."
                : $"- **Load:** the HTTP samples by {run.WrkVersion} with `{Load.Wrk.ScriptInRepository}`, the baselines by {run.BaselineTool}; both with {load.Threads} threads and {load.Connections} connections (clients), {load.Seconds} s per sample, {load.Rounds} rounds after a warm-up of each sample; {load.Sharing().Replace("wrk", "the load tools", StringComparison.Ordinal)}. The machine has {run.Machine.Cores} cores.")
          .AppendLine("- **Host:** " + string.Join("; ", run.Host) + ".")
          .AppendLine("- **Invariants** (the run fails on any):");
        foreach (var check in run.Checks)
        {
            md.AppendLine("  - " + check);
        }

        AppendReproduce(md, run.Script, run.Setup, [run.CommandLine, .. run.Commands.Select(c => c + "   # one sample by hand"), reportCommand]);
    }

    /// <param name="md">The report.</param>
    /// <param name="script">The script that ran it all, if any.</param>
    /// <param name="setup">What the script ran before the bench (absent from files written before it was recorded).</param>
    /// <param name="commands">The bench's own command lines.</param>
    public static void AppendReproduce(StringBuilder md, string? script, IReadOnlyList<string>? setup, IEnumerable<string> commands)
    {
        ArgumentNullException.ThrowIfNull(md);
        md.AppendLine().AppendLine("### Reproduce").AppendLine().AppendLine("```sh")
          .AppendLine(script ?? "# (run by hand)")
          .AppendLine("```").AppendLine().AppendLine("which does:").AppendLine().AppendLine("```sh")
          .AppendLine("dotnet build src/Emporium.Host -c Release && dotnet build tools/Emporium.Bench -c Release");
        foreach (var command in (setup ?? []).Concat(commands))
        {
            md.AppendLine(command);
        }

        md.AppendLine("```").AppendLine();
    }

    public static string Format(Spread spread, string format)
    {
        ArgumentNullException.ThrowIfNull(spread);
        return $"{spread.Median.ToString(format, null)} ({spread.Min.ToString(format, null)}–{spread.Max.ToString(format, null)})";
    }

    private static string Median(ThroughputRun run, string sample, Func<Load.LatencyMs, double> pick) =>
        Stats.Median(run.Rounds.Select(r => pick(r.Sample(sample).Latency)).ToList()).ToString("F1", null);
}
