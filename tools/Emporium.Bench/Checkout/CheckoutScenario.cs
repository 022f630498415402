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
        var ledger = new CheckoutLedger(target);
        var pgbench = new PgBench(target, load, PgBench.CheckoutScript, new Dictionary<string, string> { ["pool"] = poolSize.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var folder = Path.GetDirectoryName(output) is { Length: > 0 } f ? f : ".";
        var cartFile = Path.Combine(folder, $"b3-{scale}-carts.tsv");

        AnsiConsole.MarkupLine($"B3 checkout on PostgreSQL: {Markup.Escape(version)} -c{load.Connections} vs {Markup.Escape(pgbenchVersion)} -c{load.Connections} -j{load.Threads}, {load.Seconds}s × {load.Rounds} rounds against {Markup.Escape(url.ToString())}");
        await shop.PrepareAsync(poolSize, cancellationToken);
        await ledger.PrepareBaselineAsync(shop.Pool, shop.WarehouseId, load.Connections, cancellationToken);

        var fastest = 0.0;
        var checks = new List<string>();
        var baselineOrders = 0L;

        // Warm-up: at least 10 s (a cold host takes seconds over its first checkouts, and a short warm-up may
        // see none complete); checkouts may outrun the carts filled for them (422 cart_empty then).
        var warmSeconds = Math.Max(warmUp, 10);
        await ledger.DrainOutboxAsync(cancellationToken);
        await shop.FillCartsAsync((int)Math.Ceiling(FloorRate * 2 * warmSeconds), cartFile, cancellationToken);
        var warm = await wrk.RunAsync(Subject, Request(cartFile, "w"), cancellationToken, warmSeconds);
        if (warm.Requests > 0)
        {
            warm.Expect(Subject + " (warm-up)", 201, 422);
        }

        fastest = warm.RequestsPerSecond; // with any 422s, which cost less than a checkout: an estimate on the safe side
        InterleavedRounds.PrintSample("warm-up  ", warm);
        await ledger.DrainOutboxAsync(cancellationToken);
        var before = await ledger.BaselineOrdersAsync(cancellationToken);
        var warmBaseline = await pgbench.RunAsync(Baseline, cancellationToken, warmUp);
        baselineOrders += warmBaseline.Requests;
        InterleavedRounds.PrintSample("warm-up  ", warmBaseline);

        var rounds = await InterleavedRounds.RunAsync(load.Rounds, [
            new Measurement(Subject, async (round, ct) =>
            {
                var carts = (int)Math.Ceiling(Math.Max(fastest * headroom, FloorRate) * load.Seconds);
                var chosen = await shop.FillCartsAsync(carts, cartFile, ct);
                await ledger.DrainOutboxAsync(ct);
                var nonce = $"r{round}-{Guid.NewGuid().ToString("N")[..8]}";
                var sample = await wrk.RunAsync(Subject, Request(cartFile, nonce), ct);
                if (sample.Count(422) > 0)
                {
                    throw new InvariantException($"{Subject}, round {round}: {sample.Count(422):N0} checkouts found their cart already bought (422): more than the {carts:N0} carts filled; run again with a larger --headroom (now {headroom}).");
                }

                sample.Expect($"{Subject}, round {round}", 201);
                fastest = Math.Max(fastest, sample.RequestsPerSecond);
                checks.Add(await VerifyRoundAsync(ledger, round, nonce, sample, load.Connections, chosen.Count, ct));
                return sample;
            }),
            new Measurement(Baseline, async (_, ct) =>
            {
                await ledger.DrainOutboxAsync(ct);
                var sample = await pgbench.RunAsync(Baseline, ct);
                baselineOrders += sample.Requests;
                return sample;
            }),
        ], cancellationToken);

        var written = await ledger.BaselineOrdersAsync(cancellationToken) - before;
        if (written != baselineOrders)
        {
            throw new InvariantException($"pgbench reported {baselineOrders:N0} transactions, but {written:N0} paid orders of pgbench buyers were written.");
        }

        checks.Add($"pgbench: {baselineOrders:N0} transactions reported (warm-up included), {written:N0} paid orders written by them, none failed");
        var (all, recovered) = await ledger.FinishAsync(cancellationToken);
        if (all.Unfinished != 0 || all.Compensated != 0 || all.PaidOrders != all.Sagas)
        {
            throw new InvariantException($"Measured checkouts at the end: {all.Sagas:N0} stored, {all.PaidOrders:N0} with a paid order, {all.Unfinished:N0} unfinished after two minutes, {all.Compensated:N0} compensated.");
        }

        checks.Add($"at the end every one of the {all.Sagas:N0} measured checkouts is completed with 201 and its paid order; {recovered:N0} of them were finished by the recovery worker once their lease ran out (a checkout whose request wrk dropped at the end still runs to its end at once)");
        checks.AddRange(await ledger.VerifyAsync(cancellationToken));
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
                $"**Subject:** `POST /api/checkout` with an `Idempotency-Key` and `{{ shippingAddress (US), paymentToken }}` by a synthetic buyer (`Emporium.Host issue-tokens`) whose cart holds three SKUs at quantity 1 — consecutive entries, from a random start, of a pool of {poolSize} demo SKUs each stocked with {CheckoutShop.StockPerSku:N0} more units — and whose token is for the sandbox card that approves. Carts and tokens are made through the API before each sample (not measured), {headroom}× as many as the fastest rate so far needs; each buyer checks out once.",
                $"What one checkout does (the saga, `src/Emporium.Checkout`): the saga row, then 11 steps, each recorded as a saga event in its own transaction — quote (cart and catalog reads), reserve (SKU advisory locks, guarded stock updates, ledger rows, outbox), authorize (payment and sandbox gateway rows), place the order (order, lines, event, outbox), extend the hold, capture, commit the stock (ledger rows, outbox), mark the order paid, clear the cart, complete: about 25 commits.",
                $"**Baseline:** pgbench (`{PgBench.CheckoutScriptInRepository}`) writing the same rows into the same tables as ONE transaction: the idempotency record and its answer, the cart and catalog reads, the SKU locks, the reservation with its three guarded stock updates and six ledger rows, the payment and the sandbox's rows, the order with its lines, events and outbox messages, the sold units, the stock-level messages, the cart cleared. It leaves out what one transaction does not need: the saga's event log, the re-reads between steps, extending the hold. Same SKU pool and draw, {load.Connections} clients, {load.Threads} threads, extended query protocol (as Npgsql, statements not prepared).",
                "The host dispatches the outbox (stock levels to the catalog) in the background; each sample starts once every message of the previous ones is delivered.",
            ],
            [
                "every wrk answer of every measured sample was 201, with no connect, read or write error; pgbench reported no failed transaction",
                .. checks,
            ],
            args.Lines("setup"),
            [wrk.CommandLine(Request($"bench-results/b3-{scale}-carts.tsv", "NONCE")), pgbench.CommandLine()],
            "dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll " + args.ShellQuoted(),
            args.Optional("script"),
            pgbenchVersion + " (Debian package `postgresql-contrib`)");
        await ResultFile.WriteAsync(output, run);
        InterleavedRounds.PrintFigures(run);
        AnsiConsole.MarkupLine($"Results: {Markup.Escape(output)}");
        return 0;
    }

    private static WrkRequest Request(string cartFile, string nonce) => new("checkout", cartFile, nonce, CheckoutShop.AddressJson);

    /// <summary>
    /// Every 201 wrk read is a completed checkout with its paid order; no checkout failed; the checkouts beyond
    /// the 201s are requests wrk never read (at most one per connection, or timed out), finished or still being.
    /// </summary>
    private static async Task<string> VerifyRoundAsync(CheckoutLedger ledger, int round, string nonce, LoadSample sample, int connections, int carts, CancellationToken cancellationToken)
    {
        var stored = await ledger.RoundAsync(nonce, cancellationToken);
        var acknowledged = sample.Count(201);
        var unread = connections + sample.Errors.Timeout;
        if (stored.Compensated != 0 || stored.PaidOrders != stored.Completed || stored.Completed < acknowledged || stored.Sagas > acknowledged + unread || stored.Unfinished > unread)
        {
            throw new InvariantException(
                $"{Subject}, round {round}: wrk read {acknowledged:N0} answers 201; stored: {stored.Sagas:N0} checkouts, {stored.Completed:N0} completed with 201, {stored.PaidOrders:N0} paid orders, "
                + $"{stored.Unfinished:N0} unfinished, {stored.Compensated:N0} compensated (at most {unread} requests unread).");
        }

        return $"round {round}: {acknowledged:N0} answers 201 read, {stored.Sagas:N0} checkouts stored ({stored.Sagas - acknowledged} for requests wrk never read: at most {unread}), "
            + $"{stored.Completed:N0} completed with 201, each a paid order, {stored.Unfinished} unfinished, none failed; {carts:N0} carts filled";
    }
}
