using Emporium.Bench.Api;
using Emporium.Bench.Load;
using Emporium.Bench.Results;
using Spectre.Console;

namespace Emporium.Bench.Cart;

/// <summary>
/// B6: cart view (<c>GET /api/cart</c>, three lines) and cart add (<c>PUT /api/cart/items/{sku}</c>,
/// a real write every time) against <c>GET /health/live</c> on the same host, with the same wrk
/// settings, in interleaved rounds. Every answer must be 200; afterwards every cart must still hold
/// exactly its three lines, and the writes must have landed.
/// </summary>
internal static class CartScenario
{
    public const string Baseline = "GET /health/live";
    public const string View = "cart view: GET /api/cart (3 lines)";
    public const string Add = "cart add: PUT /api/cart/items/{sku}";

    public static async Task<int> RunAsync(Args args, CancellationToken cancellationToken)
    {
        var url = new Uri(args.Required("url"));
        var scale = args.Text("scale", "small");
        var output = args.Text("out", $"bench-results/b6-{scale}.json");
        var load = LoadSettings.From(args, "wrk");
        // Each wrk thread writes its own carts, and needs more of them than it has connections, so no
        // two requests in flight ever change the same cart.
        var cartCount = args.Integer("carts", load.Connections * 8, min: load.Connections * 2);
        var warmUp = args.Integer("warm-up", 3);
        var version = await Wrk.VersionAsync(cancellationToken);
        var wrk = new Wrk(url, load);
        using var api = new ApiClient(url);

        AnsiConsole.MarkupLine($"B6 cart: {cartCount:N0} guest carts × {GuestCarts.LinesPerCart} lines, {Markup.Escape(version)} -t{load.Threads} -c{load.Connections} -d{load.Seconds}s × {load.Rounds} rounds against {Markup.Escape(url.ToString())}");
        var skus = await GuestCarts.FindSkusAsync(api, cancellationToken);
        var carts = await GuestCarts.CreateAsync(api, skus, cartCount, cancellationToken);
        // Beside the results, as given (relative to the working directory, which wrk shares), so the report's commands read well.
        var cartFile = Path.Combine(Path.GetDirectoryName(output) is { Length: > 0 } folder ? folder : ".", $"b6-{scale}-carts.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cartFile))!);
        await File.WriteAllLinesAsync(cartFile, carts, cancellationToken);
        AnsiConsole.MarkupLine($"  carts ready (SKUs {string.Join(", ", skus)}), ids in {Markup.Escape(cartFile)}");

        var requests = new Dictionary<string, WrkRequest>
        {
            [Baseline] = WrkRequest.Baseline,
            [View] = new("cart-view", cartFile, string.Join(',', skus)),
            [Add] = new("cart-add", cartFile, string.Join(',', skus)),
        };
        var measurements = requests.Select(r => new Measurement(r.Key, async (_, ct) =>
        {
            var sample = await wrk.RunAsync(r.Key, r.Value, ct);
            sample.Expect(r.Key, 200);
            return sample;
        })).ToList();

        // Warm-up: JIT, connection pools, SQLite's page cache; checked, not kept.
        foreach (var (name, request) in requests)
        {
            var sample = await wrk.RunAsync(name, request, cancellationToken, warmUp);
            sample.Expect(name + " (warm-up)", 200);
            InterleavedRounds.PrintSample("warm-up  ", sample);
        }

        var rounds = await InterleavedRounds.RunAsync(load.Rounds, measurements, cancellationToken);
        var adds = rounds.Sum(r => r.Sample(Add).Requests);
        var changed = await GuestCarts.VerifyAsync(api, carts, skus, cancellationToken);
        if (changed == 0)
        {
            throw new InvariantException($"{adds:N0} cart adds answered 200 but no cart line changed from quantity 1: the writes did not land.");
        }

        var run = new ThroughputRun(
            "B6",
            scale,
            MachineInfo.Current(),
            load,
            version,
            [
                "Release build, SQLite, run from its output directory (request logging at Warning, as deployed)",
                .. args.List("host-config").Select(n => $"`{n}`"),
            ],
            [new("cart view ÷ baseline", View, Baseline, Goals.CartView), new("cart add ÷ baseline", Add, Baseline, Goals.CartAdd)],
            rounds,
            [
                $"**Baseline:** `GET /health/live` (a health check that runs no check: the pipeline's floor).",
                $"**Cart view:** `GET /api/cart` naming one of {cartCount:N0} guest carts by `X-Cart-Id`, each holding SKUs {string.Join(", ", skus)} (current prices and stock looked up on every view).",
                $"**Cart add:** `PUT /api/cart/items/{{sku}}` `{{\"quantity\":q}}` on the same carts, cycling cart, SKU and quantity (2–10) so every request changes a stored line: a real write each time.",
                $"Each wrk thread takes its own share of the carts (more carts than connections), so no two requests in flight change the same cart.",
            ],
            [
                $"every answer in every sample (warm-up included) was 200, with no connect, read or write error (requests given up after 10 s are counted in the latency table)",
                $"afterwards all {cartCount:N0} carts answer 200 with exactly their {GuestCarts.LinesPerCart} lines at quantities 1–10; {changed:N0} of {cartCount * GuestCarts.LinesPerCart:N0} lines carry a quantity wrk set ({adds:N0} adds measured)",
            ],
            args.Lines("setup"),
            [.. requests.Select(r => wrk.CommandLine(r.Value))],
            "dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll " + args.ShellQuoted(),
            args.Optional("script"));
        await ResultFile.WriteAsync(output, run);
        InterleavedRounds.PrintFigures(run);
        AnsiConsole.MarkupLine($"Results: {Markup.Escape(output)}");
        return 0;
    }
}
