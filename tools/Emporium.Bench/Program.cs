using System.Globalization;
using Emporium.Bench;
using Emporium.Bench.Cart;
using Emporium.Bench.Checkout;
using Emporium.Bench.FlashSale;
using Emporium.Bench.GroupCommit;
using Emporium.Bench.Report;
using Emporium.Bench.Search;
using Spectre.Console;

// Emporium.Bench: the project's own load tool (docs/benchmarks.md, /work/shared/design/benchmarks.md).
// Exit codes: 0 done, 1 an invariant broke (the figures are void), 2 the command line is wrong.
const string Usage = """
    Usage:
      Emporium.Bench search  --url http://127.0.0.1:PORT --db DIR/emporium.db [--rounds 3] [--repeat 5] [--out bench-results/b5.json] [--seed-seconds S] [--script "scripts/bench.sh full"]
      Emporium.Bench cart         --url http://127.0.0.1:PORT [--scale small] [--carts 512] [--out bench-results/b6-small.json] [wrk options]
      Emporium.Bench flash-sale   --url U --tokens buyers.tsv --admin admin.tsv [--db DIR/emporium.db] [--scale small] [--sale-units 10000] [--sold-out-units 10] [--headroom 3] [--out bench-results/b1-small.json] [wrk options]
      Emporium.Bench acceptance   --url U --tokens buyers.tsv --admin admin.tsv [--db DIR/emporium.db] [--units 1000] [--users 20000] [--attempts 100000] [--per-user-limit 2] [--concurrency 256] [--out bench-results/b1-acceptance-small.json]
      Emporium.Bench flash-sale-redis --url U --tokens buyers.tsv --admin admin.tsv --pg "Host=…;Database=…" --redis 127.0.0.1:PORT [--key-prefix emporium:] [--scale small] [--limit-buyers 1000] [--units 100] [--out bench-results/b2-small.json] [wrk options]
      Emporium.Bench checkout     --url U --tokens buyers.tsv --admin admin.tsv --pg "Host=…;Database=…" [--scale small] [--pool 64] [--headroom 2] [--out bench-results/b3-small.json] [wrk options]
      Emporium.Bench group-commit --url U --single-url U2 --tokens buyers.tsv --checkout-tokens checkout-buyers.tsv --admin admin.tsv --db A/emporium.db --single-db B/emporium.db [--scale small] [--sale-units 10000] [--headroom 3] [--pool 64] [--checkout-headroom 2] [--out bench-results/b4-small.json] [wrk options]
      Emporium.Bench profile --db DIR/emporium.db [--repeat 5] [--out bench-results/b5-profile.json]
      Emporium.Bench report  [--in bench-results/b5.json] [--profile bench-results/b5-profile.json] [--out docs/benchmarks.md]

    wrk options (the same for every subject and its baseline; B2's redis-benchmark and B3's pgbench take the same connections and threads): [--threads 2] [--connections 64] [--duration 10] [--rounds 3]
      [--wrk-cpus 0] (taskset for wrk) [--host-cpus 1] (how the script pinned the host, recorded) [--host-config "A=1; B=2"] [--script "scripts/bench.sh b6 small"]
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
        "cart" => await CartScenario.RunAsync(parsed, cancellation.Token),
        "flash-sale" => await FlashSaleScenario.RunAsync(parsed, cancellation.Token),
        "acceptance" => await AcceptanceScenario.RunAsync(parsed, cancellation.Token),
        "flash-sale-redis" => await RedisFlashSaleScenario.RunAsync(parsed, cancellation.Token),
        "checkout" => await CheckoutScenario.RunAsync(parsed, cancellation.Token),
        "group-commit" => await GroupCommitScenario.RunAsync(parsed, cancellation.Token),
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
