using Emporium.Bench.Api;
using Emporium.Bench.Load;
using Emporium.Bench.Results;
using Spectre.Console;

namespace Emporium.Bench.FlashSale;

/// <summary>
/// B1, embedded: (a) purchase attempts while stock lasts, every one a durable claim (201), and (b)
/// attempts on a sold-out sale (410), each against <c>GET /health/live</c> on the same host with the
/// same wrk settings, in interleaved rounds. Checks: every (a) answer 201 and its claim stored, no sale
/// oversold; every (b) answer 410 and the sold-out sale's claims unchanged.
/// </summary>
internal static class FlashSaleScenario
{
    public const string Baseline = "GET /health/live";
    public const string Claims = "(a) purchase while stock lasts → 201";
    public const string SoldOut = "(b) purchase after sell-out → 410";

    public static async Task<int> RunAsync(Args args, CancellationToken cancellationToken)
    {
        var url = new Uri(args.Required("url"));
        var tokenFile = args.Required("tokens");
        var scale = args.Text("scale", "small");
        var output = args.Text("out", $"bench-results/b1-{scale}.json");
        var unitsPerSale = args.Integer("sale-units", 10_000);
        var soldOutUnits = args.Integer("sold-out-units", 10);
        var headroom = args.Number("headroom") ?? 3;
        var warmUp = args.Integer("warm-up", 3);
        var load = LoadSettings.From(args, "wrk");
        var version = await Wrk.VersionAsync(cancellationToken);
        var wrk = new Wrk(url, load);
        var buyers = await BuyerTokens.ReadAsync(tokenFile, cancellationToken);
        using var api = new ApiClient(url);
        var desk = new SaleDesk(api, await BuyerTokens.AdminAsync(args.Required("admin"), cancellationToken));
        var stored = new StoredClaims(args.Optional("db"));
        var claims = new ClaimsLoad(Claims, desk, wrk, stored, tokenFile, unitsPerSale, headroom);

        AnsiConsole.MarkupLine($"B1 flash sale: {buyers.Count:N0} buyers, {Markup.Escape(version)} -t{load.Threads} -c{load.Connections} -d{load.Seconds}s × {load.Rounds} rounds against {Markup.Escape(url.ToString())}");
        await desk.PrepareAsync(cancellationToken);
        await desk.AddStockAsync(ClaimsLoad.WarmUpStock(unitsPerSale) + soldOutUnits, cancellationToken);

        // (b)'s sale: sold out before anything is measured, by one buyer with a limit as large as the sale.
        var soldOutSale = await desk.CreateSaleAsync(soldOutUnits, soldOutUnits, cancellationToken);
        var sold = await desk.SellOutAsync(soldOutSale, buyers[0], cancellationToken);
        if (sold != soldOutUnits)
        {
            throw new InvariantException($"Sale {soldOutSale} of {soldOutUnits} units sold {sold} before answering 410.");
        }

        var soldOutRequest = claims.Request([soldOutSale]);
        var baseline = await wrk.RunAsync(Baseline, WrkRequest.Baseline, cancellationToken, warmUp);
        baseline.Expect(Baseline + " (warm-up)", 200);
        InterleavedRounds.PrintSample("warm-up  ", baseline);
        await claims.WarmUpAsync(warmUp, cancellationToken);
        var soldOutWarmUp = await wrk.RunAsync(SoldOut, soldOutRequest, cancellationToken, warmUp);
        soldOutWarmUp.Expect(SoldOut + " (warm-up)", 410);
        InterleavedRounds.PrintSample("warm-up  ", soldOutWarmUp);

        var rounds = await InterleavedRounds.RunAsync(load.Rounds, [
            new Measurement(Baseline, async (_, ct) =>
            {
                var sample = await wrk.RunAsync(Baseline, WrkRequest.Baseline, ct);
                sample.Expect(Baseline, 200);
                return sample;
            }),
            new Measurement(Claims, (round, ct) => claims.MeasureAsync(round, load.Seconds, load.Connections, ct)),
            new Measurement(SoldOut, async (_, ct) =>
            {
                var sample = await wrk.RunAsync(SoldOut, soldOutRequest, ct);
                sample.Expect(SoldOut, 410);
                return sample;
            }),
        ], cancellationToken);

        var soldOutCheck = await CheckSoldOutAsync(desk, stored, soldOutSale, soldOutUnits, rounds.Sum(r => r.Sample(SoldOut).Requests), cancellationToken);
        var run = new ThroughputRun(
            "B1",
            scale,
            MachineInfo.Current(),
            load,
            version,
            [
                "Release build, SQLite, run from its output directory (request logging at Warning, as deployed)",
                .. args.List("host-config").Select(n => $"`{n}`"),
            ],
            [new("(a) claims ÷ baseline", Claims, Baseline, Goals.Claims), new("(b) sold-out answers ÷ baseline", SoldOut, Baseline, Goals.SoldOut)],
            rounds,
            [
                "**Baseline:** `GET /health/live` (a health check that runs no check: the pipeline's floor).",
                $"**(a) while stock lasts:** `POST /api/flash-sales/{{id}}/purchase` with a bearer token (one of {buyers.Count:N0} synthetic buyers from `Emporium.Host issue-tokens`), spread over fresh sales of {unitsPerSale:N0} units each round (an allotment is at most 10,000 units; {claims.SalesPerRound} sales in the last round: {headroom}× what the fastest rate so far needs, and at least enough for 20,000 claims/s), per-user limit = the sale's units: every attempt must be a durable claim (201).",
                $"**(b) after sell-out:** the same request on a sale of {soldOutUnits} units sold out beforehand: every attempt must be answered 410.",
                "Rate limits are off on this host (`Emporium__RateLimits__Enabled=false`): one client address sends everything, and limits are a separate concern, not part of the throughput figure.",
            ],
            [
                "every answer of every sample (warm-ups included) had the expected status (200, 201, or 410), with no connect, read or write error (requests given up after 10 s are counted in the latency table)",
                .. claims.Checks,
                soldOutCheck,
            ],
            args.Lines("setup"),
            [wrk.CommandLine(WrkRequest.Baseline), wrk.CommandLine(claims.Request(["SALE1", "SALE2", "…"])), wrk.CommandLine(soldOutRequest)],
            "dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll " + args.ShellQuoted(),
            args.Optional("script"));
        await ResultFile.WriteAsync(output, run);
        InterleavedRounds.PrintFigures(run);
        AnsiConsole.MarkupLine($"Results: {Markup.Escape(output)}");
        return 0;
    }

    /// <summary>After every 410: the sold-out sale still has exactly its units claimed, and says it has none left.</summary>
    private static async Task<string> CheckSoldOutAsync(SaleDesk desk, StoredClaims stored, string sale, int units, long attempts, CancellationToken cancellationToken)
    {
        var claims = await desk.ClaimsAsync(sale, cancellationToken);
        var rows = stored.Count([sale]);
        var (status, remaining) = await desk.PublicViewAsync(sale, cancellationToken);
        if (claims.Total != units || (rows is { } r && r != units) || remaining != 0)
        {
            throw new InvariantException(
                $"Sold-out sale {sale} of {units} units after {attempts:N0} answers 410: {claims.Total} claims by the admin route, {rows?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} rows, remaining {remaining} ({status}).");
        }

        return $"(b) sale {sale}: after {attempts:N0} answers 410 it still has exactly {units} claims (admin route{(rows is null ? "" : " and SQLite file")}) and shows remaining 0 ({status})";
    }
}
