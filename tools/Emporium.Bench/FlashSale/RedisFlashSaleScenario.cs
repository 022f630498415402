using Emporium.Bench.Api;
using Emporium.Bench.Engines;
using Emporium.Bench.Load;
using Emporium.Bench.Results;
using Spectre.Console;

namespace Emporium.Bench.FlashSale;

/// <summary>
/// B2, flash sale on Redis: the host in scale-out mode (PostgreSQL + Redis), (a) purchase attempts while
/// stock lasts, every one a durable claim (201), and (b) attempts by buyers already at the per-user limit
/// (409), each against redis-benchmark running the gate's own Take script by EVALSHA on the path the
/// subject takes (a unit taken; the buyer's count reached), in interleaved rounds. Both subject paths run
/// the script once per attempt. After a sell-out the host answers 410 without Redis (its hint of the
/// units left, refreshed every 250 ms), so that path is B1 (b)'s, not this one's. Ends with a sell-out
/// that must leave exactly its units claimed.
/// </summary>
internal static class RedisFlashSaleScenario
{
    public const string Claims = "(a) purchase while stock lasts → 201";
    public const string ClaimScript = "(a) EVALSHA Take → unit taken";
    public const string Refused = "(b) purchase at the per-user limit → 409";
    public const string RefusedScript = "(b) EVALSHA Take → limit reached";

    public static async Task<int> RunAsync(Args args, CancellationToken cancellationToken)
    {
        var url = new Uri(args.Required("url"));
        var tokenFile = args.Required("tokens");
        var postgres = args.Required("pg");
        var redis = RedisTarget.Parse(args.Required("redis"));
        var keyPrefix = args.Text("key-prefix", "emporium:");
        var scale = args.Text("scale", "small");
        var output = args.Text("out", $"bench-results/b2-{scale}.json");
        var unitsPerSale = args.Integer("sale-units", 10_000);
        var limitBuyers = args.Integer("limit-buyers", 1_000);
        var sellOutUnits = args.Integer("units", scale == "full" ? 1_000 : 100);
        var headroom = args.Number("headroom") ?? 3;
        var warmUp = args.Integer("warm-up", 3);
        var load = LoadSettings.From(args, "wrk");
        var version = await Wrk.VersionAsync(cancellationToken);
        var benchmarkVersion = await RedisBenchmark.VersionAsync(cancellationToken);
        var wrk = new Wrk(url, load);
        var buyers = await BuyerTokens.ReadAsync(tokenFile, cancellationToken);
        if (buyers.Count < limitBuyers)
        {
            throw new UsageException($"--limit-buyers {limitBuyers} needs that many tokens; {tokenFile} has {buyers.Count}.");
        }

        using var api = new ApiClient(url);
        var desk = new SaleDesk(api, await BuyerTokens.AdminAsync(args.Required("admin"), cancellationToken));
        var stored = StoredClaims.Postgres(postgres);
        var claims = new ClaimsLoad(Claims, desk, wrk, stored, tokenFile, unitsPerSale, headroom);
        var gates = new GateBaseline(redis, new RedisBenchmark(redis, load), keyPrefix, buyers.Count);
        var checks = new RedisSaleChecks(api, desk, stored, gates, postgres);

        AnsiConsole.MarkupLine($"B2 flash sale on Redis: {buyers.Count:N0} buyers, {Markup.Escape(version)} and {Markup.Escape(benchmarkVersion)} -c{load.Connections}, {load.Seconds}s × {load.Rounds} rounds against {Markup.Escape(url.ToString())}");
        await desk.PrepareAsync(cancellationToken);
        await desk.AddStockAsync(ClaimsLoad.WarmUpStock(unitsPerSale) + unitsPerSale + sellOutUnits, cancellationToken);

        // (b)'s sale: the first buyers each claim the one unit their limit allows; wrk then sends only them.
        var limitSale = await checks.LimitSaleAsync(unitsPerSale, buyers.Take(limitBuyers).ToList(), cancellationToken);
        var limitFile = Path.Combine(Path.GetDirectoryName(output) is { Length: > 0 } folder ? folder : ".", $"b2-{scale}-limit-buyers.tsv");
        await File.WriteAllLinesAsync(limitFile, buyers.Take(limitBuyers).Select(b => $"{b.UserId}\t{b.Token}"), cancellationToken);
        var refusedRequest = new WrkRequest("purchase", limitFile, limitSale);
        if (!await gates.HostLoadedTakeAsync(cancellationToken))
        {
            throw new InvariantException($"After {limitBuyers:N0} purchases Redis does not know the script {GateBaseline.TakeSha}: the host does not run GateScripts.Take as this bench has it.");
        }

        await gates.PrepareAsync(cancellationToken);
        await claims.WarmUpAsync(warmUp, cancellationToken);
        var refusedWarmUp = await wrk.RunAsync(Refused, refusedRequest, cancellationToken, warmUp);
        refusedWarmUp.Expect(Refused + " (warm-up)", 409);
        InterleavedRounds.PrintSample("warm-up  ", refusedWarmUp);
        foreach (var (name, sale) in new[] { (ClaimScript, GateBaseline.ClaimGateSale), (RefusedScript, GateBaseline.LimitGateSale) })
        {
            InterleavedRounds.PrintSample("warm-up  ", await gates.RunAsync(name, sale, warmUp, cancellationToken));
        }

        var rounds = await InterleavedRounds.RunAsync(load.Rounds, [
            new Measurement(Claims, (round, ct) => claims.MeasureAsync(round, load.Seconds, load.Connections, ct)),
            new Measurement(ClaimScript, (_, ct) => gates.RunAsync(ClaimScript, GateBaseline.ClaimGateSale, load.Seconds, ct)),
            new Measurement(Refused, async (_, ct) =>
            {
                var sample = await wrk.RunAsync(Refused, refusedRequest, ct);
                sample.Expect(Refused, 409);
                return sample;
            }),
            new Measurement(RefusedScript, (_, ct) => gates.RunAsync(RefusedScript, GateBaseline.LimitGateSale, load.Seconds, ct)),
        ], cancellationToken);

        var refusals = rounds.Sum(r => r.Sample(Refused).Count(409)) + refusedWarmUp.Count(409);
        var limitCheck = await checks.VerifyLimitSaleAsync(limitSale, unitsPerSale, limitBuyers, refusals, cancellationToken);
        var gateChecks = await gates.VerifyAsync(cancellationToken);
        var (sellOut, sellOutCheck) = await checks.SellOutAsync(wrk, tokenFile, sellOutUnits, 2, warmUp, cancellationToken);
        InterleavedRounds.PrintSample("sell-out ", sellOut);

        var benchmark = new RedisBenchmark(redis, load);
        var run = new ThroughputRun(
            "B2",
            scale,
            MachineInfo.Current(),
            load,
            version,
            [
                "Release build in scale-out mode: PostgreSQL (`ConnectionStrings__Postgres`) and Redis (`ConnectionStrings__Redis`), both throw-away servers on this machine (scripts/lib/postgres.sh with fsync on, scripts/lib/redis.sh: no persistence), run from the output directory (request logging at Warning)",
                .. args.List("host-config").Select(n => $"`{n}`"),
            ],
            [new("(a) claims ÷ the script alone", Claims, ClaimScript, Goals.RedisClaims), new("(b) attempts at the limit ÷ the script alone", Refused, RefusedScript, Goals.RedisAttempts)],
            rounds,
            [
                $"**(a) while stock lasts:** `POST /api/flash-sales/{{id}}/purchase` with a bearer token (one of {buyers.Count:N0} synthetic buyers from `Emporium.Host issue-tokens`), spread over fresh sales of {unitsPerSale:N0} units each round ({claims.SalesPerRound} in the last round: {headroom}× the fastest rate so far), per-user limit = the sale's units: every attempt runs the gate's script in Redis once and must be a claim made durable in PostgreSQL (group commit) before its 201.",
                $"**(a) baseline:** {gates.Describe(GateBaseline.ClaimGateSale)}: the same script on a gate with a billion units and no reachable limit, so every call takes a unit (the script's longest path: HMGET, HGET, two HINCRBY).",
                $"**(b) at the per-user limit:** the same request by the first {limitBuyers:N0} buyers on a sale of {unitsPerSale:N0} units with limit 1, where each has already claimed its unit: every attempt runs the script (HMGET, HGET) and is refused 409 — the attempt path without storage.",
                $"**(b) baseline:** {gates.Describe(GateBaseline.LimitGateSale)} on a gate with limit 0, so every call stops at the buyer's count, as the subject's do.",
                $"Both baselines use `{Adapters.Redis.FlashSales.GateScripts.Take.Split('\n')[0].Trim()} …` exactly as the host sends it (GateScripts.Take, SHA1 {GateBaseline.TakeSha}), loaded by `SCRIPT LOAD`; gates installed by the host's Install script under its key naming (`{keyPrefix}{{sale:N}}:gate` and `:buyers`, one hash tag).",
                "Not measured here: answers after a sell-out (410) come from the host's own hint without Redis for 250 ms at a time — B1 (b)'s path. Rate limits are off (`Emporium__RateLimits__Enabled=false`): one client address sends everything.",
            ],
            [
                "every wrk answer of every sample (warm-ups: 201 or 410 for (a)) had the expected status (201 or 409), with no connect, read or write error; redis-benchmark reported no error reply",
                "before the baseline loaded it, Redis already held the script under SHA1 " + GateBaseline.TakeSha + " (the host had run it)",
                .. claims.Checks,
                limitCheck,
                .. gateChecks,
                sellOutCheck,
            ],
            args.Lines("setup"),
            [
                wrk.CommandLine(claims.Request(["SALE1", "SALE2", "…"])),
                benchmark.CommandLine(gates.Call(GateBaseline.ClaimGateSale), 1_000_000),
                wrk.CommandLine(refusedRequest),
                benchmark.CommandLine(gates.Call(GateBaseline.LimitGateSale), 1_000_000),
            ],
            "dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll " + args.ShellQuoted(),
            args.Optional("script"),
            benchmarkVersion + " (Debian package `redis-tools`)");
        await ResultFile.WriteAsync(output, run);
        InterleavedRounds.PrintFigures(run);
        AnsiConsole.MarkupLine($"Results: {Markup.Escape(output)}");
        return 0;
    }
}
