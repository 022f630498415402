using Emporium.Bench.Api;
using Emporium.Bench.Engines;
using Emporium.Bench.FlashSale;
using Emporium.Bench.Load;
using Emporium.Bench.Results;
using Spectre.Console;

namespace Emporium.Bench.Checkout;

/// <summary>
/// B3, checkout on PostgreSQL: <c>POST /api/checkout</c> (three lines, an Idempotency-Key, the sandbox
/// card that approves) by buyers whose carts were filled before the sample, against pgbench running the
/// same work as one SQL transaction (Load/checkout.pgbench.sql) on the same database with as many clients
/// as wrk has connections, in interleaved rounds. Every sample starts with the outbox drained. Checks:
/// every answer 201, every 201 a paid order, the stock ledger balanced and the units sold = the units ordered.
/// </summary>
internal static class CheckoutScenario
{
    public const string Subject = "POST /api/checkout (3 lines) → 201";
    public const string Baseline = "pgbench: the same checkout as one SQL transaction";

    /// <summary>Checkouts/s every round has carts for, whatever the warm-up saw.</summary>
    private const double FloorRate = 20;

    public static async Task<int> RunAsync(Args args, CancellationToken cancellationToken)
    {
        var url = new Uri(args.Required("url"));
        var target = new PgTarget(args.Required("pg"));
        var scale = args.Text("scale", "small");
        var output = args.Text("out", $"bench-results/b3-{scale}.json");
        var poolSize = args.Integer("pool", 64, min: CheckoutShop.LinesPerCart);
        var headroom = args.Number("headroom") ?? 2;
        var warmUp = args.Integer("warm-up", 3);
        var load = LoadSettings.From(args, "wrk");
        var version = await Wrk.VersionAsync(cancellationToken);
        var pgbenchVersion = await PgBench.VersionAsync(cancellationToken);
        var buyers = await BuyerTokens.ReadAsync(args.Required("tokens"), cancellationToken);
        var wrk = new Wrk(url, load);
        using var api = new ApiClient(url);
        var shop = new CheckoutShop(api, await BuyerTokens.AdminAsync(args.Required("admin"), cancellationToken), buyers);
        var ledger = new CheckoutLedger(HostDatabase.Postgres(target));
        var baselineRows = new PgBenchCheckoutRows(target);
        var pgbench = new PgBench(target, load, PgBench.CheckoutScript, new Dictionary<string, string> { ["pool"] = poolSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var folder = Path.GetDirectoryName(output) is { Length: > 0 } f ? f : ".";
        var checkouts = new CheckoutLoad(Subject, shop, ledger, wrk, Path.Combine(folder, $"b3-{scale}-carts.tsv"), headroom, "--headroom", FloorRate);

        AnsiConsole.MarkupLine($"B3 checkout on PostgreSQL: {Markup.Escape(version)} -c{load.Connections} vs {Markup.Escape(pgbenchVersion)} -c{load.Connections} -j{load.Threads}, {load.Seconds}s × {load.Rounds} rounds against {Markup.Escape(url.ToString())}");
        await shop.PrepareAsync(poolSize, cancellationToken);
        await baselineRows.PrepareAsync(shop.Pool, shop.WarehouseId, load.Connections, cancellationToken);

        var baselineOrders = 0L;
        await checkouts.WarmUpAsync(warmUp, cancellationToken);
        var before = await baselineRows.PaidOrdersAsync(cancellationToken);
        var warmBaseline = await pgbench.RunAsync(Baseline, cancellationToken, warmUp);
        baselineOrders += warmBaseline.Requests;
        InterleavedRounds.PrintSample("warm-up  ", warmBaseline);

        var rounds = await InterleavedRounds.RunAsync(load.Rounds, [
            new Measurement(Subject, (round, ct) => checkouts.MeasureAsync(round, load.Seconds, load.Connections, ct)),
            new Measurement(Baseline, async (_, ct) =>
            {
                await ledger.DrainOutboxAsync(ct);
                var sample = await pgbench.RunAsync(Baseline, ct);
                baselineOrders += sample.Requests;
                return sample;
            }),
        ], cancellationToken);

        var written = await baselineRows.PaidOrdersAsync(cancellationToken) - before;
        if (written != baselineOrders)
        {
            throw new InvariantException($"pgbench reported {baselineOrders:N0} transactions, but {written:N0} paid orders of pgbench buyers were written.");
        }

        var checks = new List<string>(checkouts.Checks)
        {
            $"pgbench: {baselineOrders:N0} transactions reported (warm-up included), {written:N0} paid orders written by them, none failed",
        };
        checks.AddRange(await checkouts.FinishAsync("subject and baseline together", cancellationToken));
        var run = new ThroughputRun(
            "B3",
            scale,
            MachineInfo.Current(),
            load,
            version,
            [
                "Release build on PostgreSQL (`ConnectionStrings__Postgres`; no Redis), a throw-away server on this machine (scripts/lib/postgres.sh, here with fsync on: every commit is durable), run from the output directory (request logging at Warning)",
                .. args.List("host-config").Select(n => $"`{n}`"),
            ],
            [new("checkouts ÷ the same SQL in one transaction", Subject, Baseline, Goals.Checkout)],
            rounds,
            [
                "**Subject:** " + CheckoutLoad.Description(poolSize, headroom),
                $"What one checkout does (the saga, `src/Emporium.Checkout`): the saga row, then 11 steps, each recorded as a saga event in its own transaction — quote (cart and catalog reads), reserve (SKU advisory locks, guarded stock updates, ledger rows, outbox), authorize (payment and sandbox gateway rows), place the order (order, lines, event, outbox), extend the hold, capture, commit the stock (ledger rows, outbox), mark the order paid, clear the cart, complete: about 25 commits.",
                $"**Baseline:** pgbench (`{PgBench.CheckoutScriptInRepository}`) writing the same rows into the same tables as ONE transaction: the idempotency record and its answer, the cart and catalog reads, the SKU locks, the reservation with its three guarded stock updates and six ledger rows, the payment and the sandbox's rows, the order with its lines, events and outbox messages, the sold units, the stock-level messages, the cart cleared. It leaves out what one transaction does not need: the saga's event log, the re-reads between steps, extending the hold. Same SKU pool and draw, {load.Connections} clients, {load.Threads} threads, extended query protocol (as Npgsql, statements not prepared).",
                "The host dispatches the outbox (stock levels to the catalog) in the background; each sample starts once every message of the previous ones is delivered.",
            ],
            [
                "every wrk answer of every measured sample was 201, with no connect, read or write error; pgbench reported no failed transaction",
                .. checks,
            ],
            args.Lines("setup"),
            [wrk.CommandLine(CheckoutLoad.Request($"bench-results/b3-{scale}-carts.tsv", "NONCE")), pgbench.CommandLine()],
            "dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll " + args.ShellQuoted(),
            args.Optional("script"),
            pgbenchVersion + " (Debian package `postgresql-contrib`)");
        await ResultFile.WriteAsync(output, run);
        InterleavedRounds.PrintFigures(run);
        AnsiConsole.MarkupLine($"Results: {Markup.Escape(output)}");
        return 0;
    }
}
