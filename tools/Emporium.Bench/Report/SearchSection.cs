using System.Text;
using Emporium.Bench.Results;

namespace Emporium.Bench.Report;

/// <summary>B5's section: the search figures, what is measured, and how to reproduce them.</summary>
internal static class SearchSection
{
    public static void Append(StringBuilder md, SearchRun run, string profilePath, string reportCommand)
    {
        var c = run.Catalog;
        var s = run.Settings;
        var endpointP95 = Stats.Across(run.Rounds.Select(r => r.EndpointP95));
        var rawP95 = Stats.Across(run.Rounds.Select(r => r.RawP95));
        var dataDir = Path.GetDirectoryName(s.Database);
        md.AppendLine($"## B5: search over {c.Products:N0} products").AppendLine()
          .AppendLine($"**Goal:** p95 < {Goals.SearchP95Ms:F0} ms with {Goals.SearchProducts:N0} products (1–3 words, 2–4 filters, all four facets).")
          .AppendLine()
          .AppendLine("**Result: " + Verdict(c.Products, endpointP95.Median) + $"** — the endpoint's p95 is {endpointP95.Median:F1} ms " +
                      $"(rounds {endpointP95.Min:F1}–{endpointP95.Max:F1}); the engine alone, doing the same work, has p95 {rawP95.Median:F1} ms" +
                      (rawP95.Median >= Goals.SearchP95Ms ? $", so on this machine even a perfect application layer over this SQL could not meet the goal." : "."))
          .AppendLine()
          .AppendLine(ThroughputSections.Measured(run.Machine)).AppendLine()
          .AppendLine("| figure (ms) | endpoint (subject) | raw SQLite (baseline) | endpoint ÷ raw |")
          .AppendLine("|---|---|---|---|");
        foreach (var (name, endpoint, raw, ratio) in new[]
        {
            ("p50", run.Rounds.Select(r => r.EndpointP50), run.Rounds.Select(r => r.RawP50), run.Rounds.Select(r => r.RatioP50)),
            ("p95", run.Rounds.Select(r => r.EndpointP95), run.Rounds.Select(r => r.RawP95), run.Rounds.Select(r => r.RatioP95)),
        })
        {
            md.AppendLine($"| {name} | {Format(Stats.Across(endpoint), "F1")} | {Format(Stats.Across(raw), "F1")} | {Format(Stats.Across(ratio), "F2")} |");
        }

        md.AppendLine().AppendLine("| round | endpoint p50 | endpoint p95 | raw p50 | raw p95 | ratio p50 | ratio p95 |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in run.Rounds)
        {
            md.AppendLine($"| {r.Round} | {r.EndpointP50:F1} | {r.EndpointP95:F1} | {r.RawP50:F1} | {r.RawP95:F1} | {r.RatioP50:F2} | {r.RatioP95:F2} |");
        }

        md.AppendLine().AppendLine("### What is measured").AppendLine()
          .AppendLine($"- **Subject:** `GET /api/search` on the Release host (SQLite, `Emporium__DemoData=false`), {s.Queries} fixed queries (`tools/Emporium.Bench/Search/SearchCase.cs`) × {s.Repeat} per round × {s.Rounds} rounds, one request at a time over one kept-alive connection (`HttpClient` + `SocketsHttpHandler`), timed to the last byte of the body. Each request carries a unique `_b` parameter so the 10 s output cache never answers; no `If-None-Match` is sent.")
          .AppendLine("- **Baseline:** the same work by the engine alone through Microsoft.Data.Sqlite, read-only on the same file, in the bench process: FTS5 MATCH (words in the text columns, the category as its token) in a materialised CTE cross-joined to the narrow `catalog_search_facts` table with the same filters, on one connection with the app's memory-map setting (the app, on a catalog of 100,000 products or more, runs a ranked match as two rowid halves on two connections; the baseline is one statement), the brand, price-bucket, rating and category facets as `GROUP BY`s (each facet ignoring its own filter, as the app's are), the first page of 24 by bm25, and a load of those 24 rows.")
          .AppendLine("- Subject and baseline alternate query by query (who goes first alternates too); a warm-up pass over every query precedes the rounds. Load generator, host and baseline share the same 2 cores.")
          .AppendLine("- **Invariants** (the run fails on any): every answer is 200; every query but the deliberately empty one matches; on every request the endpoint and the engine agree on the total, the brand, price and rating facet counts, and the ids and order of the first page.")
          .AppendLine()
          .AppendLine("### Reproduce").AppendLine().AppendLine("```sh")
          .AppendLine(s.Script is null ? "# (run by hand)" : s.Script)
          .AppendLine("```").AppendLine().AppendLine("which does:").AppendLine().AppendLine("```sh")
          .AppendLine("dotnet build src/Emporium.Host -c Release && dotnet build tools/Emporium.Bench -c Release")
          .AppendLine($"Emporium__DataDirectory={dataDir} dotnet src/Emporium.Host/bin/Release/net10.0/Emporium.Host.dll seed-catalog --products {c.Products}   # once; kept for later runs")
          .AppendLine("# the host runs from its output directory, so its appsettings.json applies (request logging at Warning), as when deployed")
          .AppendLine($"(cd src/Emporium.Host/bin/Release/net10.0 && Emporium__DataDirectory={dataDir} Emporium__DemoData=false dotnet Emporium.Host.dll --urls {s.Url.TrimEnd('/')}) &")
          .AppendLine(s.CommandLine)
          .AppendLine($"dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll profile --db {s.Database} --repeat {s.Repeat} --out {profilePath}")
          .AppendLine(reportCommand)
          .AppendLine("```").AppendLine()
          .AppendLine($"Catalog: {c.Products:N0} products, database file {c.DatabaseBytes / 1024.0 / 1024.0:N0} MiB" +
                      (c.SeedSeconds is { } seconds ? $", seeded by `seed-catalog` in {seconds:N0} s on this machine." : " (seeding time not recorded: the data directory was reused).")
                      + " An empty answer that must match, a non-200 or a disagreement exits 1.")
          .AppendLine();
    }

    private static string Verdict(long products, double p95) =>
        products < Goals.SearchProducts ? $"not evaluated (the goal is stated for {Goals.SearchProducts:N0} products; this catalog has {products:N0})"
        : p95 < Goals.SearchP95Ms ? "met"
        : "not met";

    private static string Format(Spread spread, string format) =>
        $"{spread.Median.ToString(format, null)} ({spread.Min.ToString(format, null)}–{spread.Max.ToString(format, null)})";
}
