using System.Globalization;
using Emporium.Bench;
using Emporium.Bench.Report;
using Emporium.Bench.Search;
using Spectre.Console;

// Emporium.Bench: the project's own load tool (docs/benchmarks.md, /work/shared/design/benchmarks.md).
// Exit codes: 0 done, 1 an invariant broke (the figures are void), 2 the command line is wrong.
const string Usage = """
    Usage:
      Emporium.Bench search  --url http://127.0.0.1:PORT --db DIR/emporium.db [--rounds 3] [--repeat 5] [--out bench-results/b5.json] [--seed-seconds S] [--script "scripts/bench.sh full"]
      Emporium.Bench profile --db DIR/emporium.db [--repeat 5] [--out bench-results/b5-profile.json]
      Emporium.Bench report  [--in bench-results/b5.json] [--profile bench-results/b5-profile.json] [--out docs/benchmarks.md]
    """;

// Reports and JSON are files people diff: one number format, whatever the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    var parsed = Args.Parse(args);
    return parsed.Command switch
    {
        "search" => await SearchScenario.RunAsync(parsed, cancellation.Token),
        "profile" => await SearchProfile.RunAsync(parsed, cancellation.Token),
        "report" => await MarkdownReport.RunAsync(parsed),
        _ => throw new UsageException($"Unknown command '{parsed.Command}'."),
    };
}
catch (UsageException exception)
{
    await Console.Error.WriteLineAsync(exception.Message + Environment.NewLine + Usage);
    return 2;
}
catch (HttpRequestException exception)
{
    AnsiConsole.MarkupLine($"[red]The host did not answer:[/] {Markup.Escape(exception.Message)}");
    return 1;
}
catch (InvariantException exception)
{
    AnsiConsole.MarkupLine($"[red]INVARIANT BROKEN:[/] {Markup.Escape(exception.Message)}");
    return 1;
}
