using Emporium.Bench.Results;
using Spectre.Console;

namespace Emporium.Bench.Search;

/// <summary>
/// B5: every query of <see cref="SearchCases"/> against the endpoint (subject) and the engine alone
/// (baseline), interleaved query by query, for several rounds. Each round yields p50 and p95 per
/// side; the report quotes their median across rounds with the spread. Any broken invariant throws.
/// </summary>
internal static class SearchScenario
{
    public static async Task<int> RunAsync(Args args, CancellationToken cancellationToken)
    {
        var url = new Uri(args.Required("url"));
        var database = args.Required("db");
        // The method asks for at least three rounds: a median and a spread need them.
        var rounds = args.Integer("rounds", 3, min: 3);
        var repeat = args.Integer("repeat", 5);
        var output = args.Text("out", "bench-results/b5.json");
        if (!File.Exists(database))
        {
            throw new UsageException($"No database at {database}.");
        }

        using var raw = new RawBaseline(database);
        using var endpoint = new EndpointClient(url);
        var cases = SearchCases.All;
        var endpointTimes = cases.Select(_ => new List<double>()).ToArray();
        var rawTimes = cases.Select(_ => new List<double>()).ToArray();
        var totals = new long[cases.Count];
        var roundResults = new List<RoundResult>();

        AnsiConsole.MarkupLine($"B5 search: {cases.Count} queries × {repeat} × {rounds} rounds, endpoint {Markup.Escape(url.ToString())} vs SQLite {raw.EngineVersion} on {Markup.Escape(database)}");
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                // Warm-up: first requests pay for JIT, the connection, and reading the index from disk; not measured.
                var warmUp = progress.AddTask("warm-up", maxValue: cases.Count);
                for (var i = 0; i < cases.Count; i++)
                {
                    totals[i] = (await MeasureAsync(cases[i], endpoint, raw, endpointFirst: true, cancellationToken)).Total;
                    warmUp.Increment(1);
                }

                for (var round = 1; round <= rounds; round++)
                {
                    var task = progress.AddTask($"round {round}/{rounds}", maxValue: cases.Count * repeat);
                    var roundEndpoint = new List<double>();
                    var roundRaw = new List<double>();
                    for (var pass = 0; pass < repeat; pass++)
                    {
                        for (var i = 0; i < cases.Count; i++)
                        {
                            // Alternate who goes first, so neither side always finds the other's pages freshly cached.
                            var (endpointMs, rawMs, _) = await MeasureAsync(cases[i], endpoint, raw, endpointFirst: (round + pass + i) % 2 == 0, cancellationToken);
                            roundEndpoint.Add(endpointMs);
                            roundRaw.Add(rawMs);
                            endpointTimes[i].Add(endpointMs);
                            rawTimes[i].Add(rawMs);
                            task.Increment(1);
                        }
                    }

                    roundResults.Add(new RoundResult(round,
                        Stats.Percentile(roundEndpoint, 50), Stats.Percentile(roundEndpoint, 95),
                        Stats.Percentile(roundRaw, 50), Stats.Percentile(roundRaw, 95)));
                }
            });

        var queries = cases.Select((c, i) => new QueryResult(
            c.Label(), totals[i], Stats.Median(endpointTimes[i]), endpointTimes[i].Max(), Stats.Median(rawTimes[i]), rawTimes[i].Max())).ToList();
        var fileInfo = new FileInfo(database);
        var run = new SearchRun(
            MachineInfo.Current(),
            new CatalogInfo(raw.ProductCount(), fileInfo.Length, "SQLite " + raw.EngineVersion, args.Number("seed-seconds")),
            new RunSettings(url.ToString(), database, rounds, repeat, cases.Count, "dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll " + args.ShellQuoted(), args.Optional("script")),
            roundResults,
            queries);
        await ResultFile.WriteAsync(output, run);
        Print(run);
        AnsiConsole.MarkupLine($"Results: {Markup.Escape(output)}");
        return 0;
    }

    /// <summary>One query on both sides, in the given order, with every invariant checked.</summary>
    private static async Task<(double EndpointMs, double RawMs, long Total)> MeasureAsync(
        SearchCase query, EndpointClient endpoint, RawBaseline raw, bool endpointFirst, CancellationToken cancellationToken)
    {
        (double Milliseconds, SearchAnswer Answer) subject, baseline;
        if (endpointFirst)
        {
            subject = await endpoint.SearchAsync(query, cancellationToken);
            baseline = raw.Search(query);
        }
        else
        {
            baseline = raw.Search(query);
            subject = await endpoint.SearchAsync(query, cancellationToken);
        }

        if (query.MustMatch && subject.Answer.Total == 0)
        {
            throw new InvariantException($"{query.Label()} must match but the endpoint found nothing.");
        }

        var difference = subject.Answer.Difference(baseline.Answer);
        if (difference is not null)
        {
            throw new InvariantException($"{query.Label()}: the endpoint and the engine disagree (endpoint vs raw): {difference}.");
        }

        return (subject.Milliseconds, baseline.Milliseconds, subject.Answer.Total);
    }

    private static void Print(SearchRun run)
    {
        var table = new Table().AddColumns("round", "endpoint p50", "endpoint p95", "raw p50", "raw p95", "ratio p50", "ratio p95");
        foreach (var r in run.Rounds)
        {
            table.AddRow($"{r.Round}", $"{r.EndpointP50:F1}", $"{r.EndpointP95:F1}", $"{r.RawP50:F1}", $"{r.RawP95:F1}", $"{r.RatioP50:F2}", $"{r.RatioP95:F2}");
        }

        AnsiConsole.Write(table);
        var p95 = Stats.Across(run.Rounds.Select(r => r.EndpointP95));
        AnsiConsole.MarkupLine($"Endpoint p95 median {p95.Median:F1} ms (goal < {Goals.SearchP95Ms} ms with 1,000,000 products): {(p95.Median < Goals.SearchP95Ms ? "[green]met[/]" : "[red]not met[/]")}");
    }
}
