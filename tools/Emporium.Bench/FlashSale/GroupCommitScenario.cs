using Emporium.Bench.Api;
using Emporium.Bench.Load;
using Emporium.Bench.Results;
using Spectre.Console;

namespace Emporium.Bench.FlashSale;

/// <summary>
/// B4, claims: B1 (a)'s load on two hosts running side by side on their own data directories, one with
/// the default group commit (many claims per transaction) and one with
/// <c>Emporium__FlashSales__ClaimBatchSize=1</c> (a transaction per claim), in interleaved rounds. The idle
/// host costs the busy one next to nothing. Same checks as B1 (a) on both.
/// </summary>
internal static class GroupCommitScenario
{
    public const string Grouped = "claims, group commit (default batch)";
    public const string Single = "claims, one transaction per claim (batch 1)";

    public static async Task<int> RunAsync(Args args, CancellationToken cancellationToken)
    {
        var groupedUrl = new Uri(args.Required("url"));
        var singleUrl = new Uri(args.Required("single-url"));
        var tokenFile = args.Required("tokens");
        var adminToken = await BuyerTokens.AdminAsync(args.Required("admin"), cancellationToken);
        var scale = args.Text("scale", "small");
        var output = args.Text("out", $"bench-results/b4-{scale}.json");
        var unitsPerSale = args.Integer("sale-units", 10_000);
        var headroom = args.Number("headroom") ?? 3;
        var warmUp = args.Integer("warm-up", 3);
        var load = LoadSettings.From(args, "wrk");
        var version = await Wrk.VersionAsync(cancellationToken);
        var buyers = await BuyerTokens.ReadAsync(tokenFile, cancellationToken);
        using var groupedApi = new ApiClient(groupedUrl);
        using var singleApi = new ApiClient(singleUrl);
        var groupedDesk = new SaleDesk(groupedApi, adminToken);
        var singleDesk = new SaleDesk(singleApi, adminToken);
        var groupedWrk = new Wrk(groupedUrl, load);
        var grouped = new ClaimsLoad(Grouped, groupedDesk, groupedWrk, new StoredClaims(args.Optional("db")), tokenFile, unitsPerSale, headroom);
        var single = new ClaimsLoad(Single, singleDesk, new Wrk(singleUrl, load), new StoredClaims(args.Optional("single-db")), tokenFile, unitsPerSale, headroom);

        AnsiConsole.MarkupLine($"B4 group commit: {buyers.Count:N0} buyers, {Markup.Escape(version)} -t{load.Threads} -c{load.Connections} -d{load.Seconds}s × {load.Rounds} rounds; {Markup.Escape(groupedUrl.ToString())} (group commit) vs {Markup.Escape(singleUrl.ToString())} (batch 1)");
        foreach (var (desk, claims) in new[] { (groupedDesk, grouped), (singleDesk, single) })
        {
            await desk.PrepareAsync(cancellationToken);
            await desk.AddStockAsync(ClaimsLoad.WarmUpStock(unitsPerSale), cancellationToken);
            await claims.WarmUpAsync(warmUp, cancellationToken);
        }

        var rounds = await InterleavedRounds.RunAsync(load.Rounds, [
            new Measurement(Grouped, (round, ct) => grouped.MeasureAsync(round, load.Seconds, load.Connections, ct)),
            new Measurement(Single, (round, ct) => single.MeasureAsync(round, load.Seconds, load.Connections, ct)),
        ], cancellationToken);

        var run = new ThroughputRun(
            "B4",
            scale,
            MachineInfo.Current(),
            load,
            version,
            [
                "two Release hosts side by side, each on its own SQLite data directory (the same key ring, so the same tokens), run from the output directory (request logging at Warning)",
                .. args.List("host-config").Select(n => $"`{n}`"),
            ],
            [new("group commit ÷ one transaction per claim", Grouped, Single, Goals.GroupCommit)],
            rounds,
            [
                $"**Subject:** B1 (a)'s load — `POST /api/flash-sales/{{id}}/purchase` by {buyers.Count:N0} synthetic buyers over fresh sales of {unitsPerSale:N0} units per round, every attempt a durable claim (201) — on the host with the default `ClaimBatchSize` (group commit).",
                "**Baseline:** the same load on the host with `Emporium__FlashSales__ClaimBatchSize=1`: every claim its own SQLite transaction (and WAL sync) before its 201.",
                "Rate limits are off on both hosts. Checkouts under group commit are not measured here (the claims side of B4 only).",
            ],
            [
                "every answer of every sample (warm-ups: 201 or 410) had the expected status, with no connect, read or write error (requests given up after 10 s are counted in the latency table)",
                .. grouped.Checks,
                .. single.Checks,
            ],
            args.Lines("setup"),
            [groupedWrk.CommandLine(grouped.Request(["SALE1", "SALE2", "…"]))],
            "dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll " + args.ShellQuoted(),
            args.Optional("script"));
        await ResultFile.WriteAsync(output, run);
        InterleavedRounds.PrintFigures(run);
        AnsiConsole.MarkupLine($"Results: {Markup.Escape(output)}");
        return 0;
    }
}
