using Emporium.Bench.Api;
using Emporium.Bench.Checkout;
using Emporium.Bench.Engines;
using Emporium.Bench.FlashSale;
using Emporium.Bench.Load;
using Emporium.Bench.Results;
using Spectre.Console;

namespace Emporium.Bench.GroupCommit;

/// <summary>
/// B4, group commit on SQLite: two hosts running side by side on their own data directories, one with the
/// defaults (claims and the modules' write transactions committed many at a time) and one with
/// <c>Emporium__FlashSales__ClaimBatchSize=1</c> and <c>Emporium__SqliteWriteBatchSize=1</c> (a transaction
/// per claim, and each module write transaction committed on its own). On each, B1 (a)'s claims and B3's
/// checkouts, four samples per round, interleaved. The idle host costs the busy one next to nothing. Same
/// checks as B1 (a) and B3 on both hosts, read from their SQLite files.
/// </summary>
internal static class GroupCommitScenario
{
    public const string Grouped = "claims, group commit (default batch)";
    public const string Single = "claims, one transaction per claim (batch 1)";
    public const string GroupedCheckouts = "checkouts, group commit (default batch)";
    public const string SingleCheckouts = "checkouts, one transaction per request (batch 1)";

    /// <summary>
    /// Checkouts/s every round has carts for, whatever the warm-up saw. Higher than B3's: on SQLite a host's
    /// checkout rate swings between samples (the outbox relay and its handlers still meet the queued writes
    /// at the file's lock), and a round that runs out of carts is void.
    /// </summary>
    private const double CheckoutFloorRate = 60;

    public static async Task<int> RunAsync(Args args, CancellationToken cancellationToken)
    {
        var groupedUrl = new Uri(args.Required("url"));
        var singleUrl = new Uri(args.Required("single-url"));
        var groupedDb = args.Required("db");
        var singleDb = args.Required("single-db");
        var tokenFile = args.Required("tokens");
        var adminToken = await BuyerTokens.AdminAsync(args.Required("admin"), cancellationToken);
        var scale = args.Text("scale", "small");
        var output = args.Text("out", $"bench-results/b4-{scale}.json");
        var unitsPerSale = args.Integer("sale-units", 10_000);
        var headroom = args.Number("headroom") ?? 3;
        var poolSize = args.Integer("pool", 64, min: CheckoutShop.LinesPerCart);
        var checkoutHeadroom = args.Number("checkout-headroom") ?? 2;
        var warmUp = args.Integer("warm-up", 3);
        var load = LoadSettings.From(args, "wrk");
        var version = await Wrk.VersionAsync(cancellationToken);
        var buyers = await BuyerTokens.ReadAsync(tokenFile, cancellationToken);
        var checkoutBuyers = await BuyerTokens.ReadAsync(args.Required("checkout-tokens"), cancellationToken);
        var folder = Path.GetDirectoryName(output) is { Length: > 0 } f ? f : ".";
        using var groupedApi = new ApiClient(groupedUrl);
        using var singleApi = new ApiClient(singleUrl);
        var groupedDesk = new SaleDesk(groupedApi, adminToken);
        var singleDesk = new SaleDesk(singleApi, adminToken);
        var groupedWrk = new Wrk(groupedUrl, load);
        var singleWrk = new Wrk(singleUrl, load);
        var grouped = new ClaimsLoad(Grouped, groupedDesk, groupedWrk, new StoredClaims(groupedDb), tokenFile, unitsPerSale, headroom);
        var single = new ClaimsLoad(Single, singleDesk, singleWrk, new StoredClaims(singleDb), tokenFile, unitsPerSale, headroom);

        // Both hosts get the same buyers, each into its own data: every buyer checks out once on each.
        var groupedShop = new CheckoutShop(groupedApi, adminToken, checkoutBuyers);
        var singleShop = new CheckoutShop(singleApi, adminToken, checkoutBuyers);
        var groupedCheckouts = new CheckoutLoad(
            GroupedCheckouts, groupedShop, new CheckoutLedger(HostDatabase.Sqlite(groupedDb)), groupedWrk, Path.Combine(folder, $"b4-{scale}-carts-grouped.tsv"), checkoutHeadroom, "--checkout-headroom", CheckoutFloorRate);
        var singleCheckouts = new CheckoutLoad(
            SingleCheckouts, singleShop, new CheckoutLedger(HostDatabase.Sqlite(singleDb)), singleWrk, Path.Combine(folder, $"b4-{scale}-carts-single.tsv"), checkoutHeadroom, "--checkout-headroom", CheckoutFloorRate);

        AnsiConsole.MarkupLine(
            $"B4 group commit: claims by {buyers.Count:N0} buyers and checkouts by {checkoutBuyers.Count:N0}, {Markup.Escape(version)} -t{load.Threads} -c{load.Connections} -d{load.Seconds}s × {load.Rounds} rounds; "
            + $"{Markup.Escape(groupedUrl.ToString())} (group commit) vs {Markup.Escape(singleUrl.ToString())} (batch 1)");
        foreach (var (desk, claims, shop, checkouts) in new[] { (groupedDesk, grouped, groupedShop, groupedCheckouts), (singleDesk, single, singleShop, singleCheckouts) })
        {
            await desk.PrepareAsync(cancellationToken);
            await desk.AddStockAsync(ClaimsLoad.WarmUpStock(unitsPerSale), cancellationToken);
            await claims.WarmUpAsync(warmUp, cancellationToken);
            await shop.PrepareAsync(poolSize, cancellationToken);
            await checkouts.WarmUpAsync(warmUp, cancellationToken);
        }

        var rounds = await InterleavedRounds.RunAsync(load.Rounds, [
            new Measurement(Grouped, (round, ct) => grouped.MeasureAsync(round, load.Seconds, load.Connections, ct)),
            new Measurement(Single, (round, ct) => single.MeasureAsync(round, load.Seconds, load.Connections, ct)),
            new Measurement(GroupedCheckouts, (round, ct) => groupedCheckouts.MeasureAsync(round, load.Seconds, load.Connections, ct)),
            new Measurement(SingleCheckouts, (round, ct) => singleCheckouts.MeasureAsync(round, load.Seconds, load.Connections, ct)),
        ], cancellationToken);

        IReadOnlyList<string> checkoutChecks = [
            .. await FinishAsync(groupedCheckouts, cancellationToken),
            .. await FinishAsync(singleCheckouts, cancellationToken),
        ];
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
            [
                new("group commit ÷ one transaction per claim", Grouped, Single, Goals.GroupCommit),
                new("checkouts: group commit ÷ one transaction per request", GroupedCheckouts, SingleCheckouts, Goals.GroupCommit),
            ],
            rounds,
            [
                $"**Claims, subject:** B1 (a)'s load — `POST /api/flash-sales/{{id}}/purchase` by {buyers.Count:N0} synthetic buyers over fresh sales of {unitsPerSale:N0} units per round, every attempt a durable claim (201) — on the host with the default `ClaimBatchSize` (group commit).",
                "**Claims, baseline:** the same load on the host with `Emporium__FlashSales__ClaimBatchSize=1`: every claim its own SQLite transaction (and WAL sync) before its 201.",
                $"**Checkouts, subject:** B3's load on the host with the default `SqliteWriteBatchSize` (group commit: the file's one writer, shared by every module's write queue, commits the write transactions waiting together in one transaction, each in its own savepoint, with one WAL sync; ADR 0014) — " + CheckoutLoad.Description(poolSize, checkoutHeadroom)
                    + $" Both hosts draw from the same {checkoutBuyers.Count:N0} buyers, each into its own data, so a buyer checks out once on each.",
                "What one checkout commits (the saga, `src/Emporium.Checkout`, the same code as B3's): the saga row, then 11 steps, each recorded as a saga event in its own transaction — quote (cart and catalog reads), reserve (guarded stock updates, ledger rows, outbox), authorize (payment and sandbox gateway rows), place the order (order, lines, event, outbox), extend the hold, capture, commit the stock (ledger rows, outbox), mark the order paid, clear the cart, complete: about 25 write transactions on the one SQLite file, each through its module's write queue to the file's one writer. The outbox relay and its handlers (stock levels to the catalog) commit more in the background; each checkout sample starts once every message of the previous ones is delivered.",
                "**Checkouts, baseline:** the same load on the host with `Emporium__SqliteWriteBatchSize=1` (and `ClaimBatchSize=1`): the same one writer, but every one of those write transactions commits, with its WAL sync, on its own — one transaction per request to a module.",
                "Rate limits are off on both hosts. A round takes the four samples in turn, each on one host while the other idles.",
            ],
            [
                "every answer of every sample (warm-ups: claims 201 or 410, checkouts 201 or 422) had the expected status, with no connect, read or write error (requests given up after 10 s are counted in the latency table)",
                .. grouped.Checks,
                .. single.Checks,
                .. checkoutChecks,
            ],
            args.Lines("setup"),
            [
                groupedWrk.CommandLine(grouped.Request(["SALE1", "SALE2", "…"])),
                groupedWrk.CommandLine(CheckoutLoad.Request($"bench-results/b4-{scale}-carts-grouped.tsv", "NONCE")),
            ],
            "dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll " + args.ShellQuoted(),
            args.Optional("script"));
        await ResultFile.WriteAsync(output, run);
        InterleavedRounds.PrintFigures(run);
        AnsiConsole.MarkupLine($"Results: {Markup.Escape(output)}");
        return 0;
    }

    /// <summary>One host's checkout checks, each naming the host's sample: the rounds', then the end of the run's.</summary>
    private static async Task<IReadOnlyList<string>> FinishAsync(CheckoutLoad checkouts, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> end;
        try
        {
            end = await checkouts.FinishAsync("this host's checkouts, warm-up included", cancellationToken);
        }
        catch (InvariantException broken)
        {
            // Both hosts run the same checks: the message must say whose broke.
            throw new InvariantException($"{checkouts.Name}: {broken.Message}");
        }

        return [.. checkouts.Checks.Select(c => $"{checkouts.Name}, {c}"), .. end.Select(c => $"{checkouts.Name}: {c}")];
    }
}
