using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Emporium.Bench.Api;
using Emporium.Bench.Results;
using Spectre.Console;

namespace Emporium.Bench.FlashSale;

/// <summary>
/// Issue 6's acceptance run: 1,000 units, 20,000 distinct buyers, 100,000 attempts (several per buyer,
/// shuffled, hundreds in flight at once) → exactly 1,000 claims, no buyer above the limit, every other
/// answer a clean 410, 409 or 429. Unlike the throughput samples it reads every single answer (the
/// bench's own <see cref="ApiClient"/>), so claims must equal the 201s exactly, in the admin route and
/// in the SQLite file, claim id by claim id.
/// </summary>
internal static class AcceptanceScenario
{
    /// <summary>Fixed, so every run makes the same attempts in the same order.</summary>
    private const int ShuffleSeed = 20_261_122;

    private static readonly int[] CleanRefusals = [409, 410, 429];

    public static async Task<int> RunAsync(Args args, CancellationToken cancellationToken)
    {
        var url = new Uri(args.Required("url"));
        var scale = args.Text("scale", "small");
        var output = args.Text("out", $"bench-results/b1-acceptance-{scale}.json");
        var units = args.Integer("units", 1_000);
        var users = args.Integer("users", 20_000);
        var attempts = args.Integer("attempts", 100_000);
        var limit = args.Integer("per-user-limit", 2);
        var concurrency = args.Integer("concurrency", 256);
        var buyers = await BuyerTokens.ReadAsync(args.Required("tokens"), cancellationToken);
        if (buyers.Count < users || attempts < users)
        {
            throw new UsageException($"--users {users} needs that many tokens (the file has {buyers.Count}) and at most --attempts {attempts}.");
        }

        using var api = new ApiClient(url, concurrency);
        var desk = new SaleDesk(api, await BuyerTokens.AdminAsync(args.Required("admin"), cancellationToken));
        var stored = new StoredClaims(args.Optional("db"));
        AnsiConsole.MarkupLine($"B1 acceptance: {units:N0} units, {users:N0} buyers, {attempts:N0} attempts, limit {limit} per buyer, {concurrency} in flight, against {Markup.Escape(url.ToString())}");
        await desk.PrepareAsync(cancellationToken);
        await desk.AddStockAsync(units, cancellationToken);
        var sale = await desk.CreateSaleAsync(units, limit, cancellationToken);

        var order = Order(users, attempts);
        var statuses = new int[attempts];
        var claimIds = new ConcurrentBag<(int Buyer, string ClaimId)>();
        var clock = Stopwatch.StartNew();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("attempts", maxValue: attempts);
                await Parallel.ForAsync(0, attempts, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
                {
                    var buyer = order[i];
                    var answer = await api.SendAsync(HttpMethod.Post, $"/api/flash-sales/{sale}/purchase", ct, bearer: buyers[buyer].Token);
                    statuses[i] = answer.Code;
                    if (answer.Code == 201)
                    {
                        claimIds.Add((buyer, answer.Text("claimId")));
                    }

                    task.Increment(1);
                });
            });
        var seconds = clock.Elapsed.TotalSeconds;

        var counts = statuses.GroupBy(s => s).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => (long)g.LongCount(), StringComparer.Ordinal);
        var checks = await CheckAsync(desk, stored, sale, units, limit, statuses, claimIds.ToList(), buyers, cancellationToken);
        var run = new AcceptanceRun(
            scale,
            MachineInfo.Current(),
            sale,
            units,
            users,
            attempts,
            limit,
            concurrency,
            seconds,
            counts,
            (await desk.ClaimsAsync(sale, cancellationToken)).Total,
            stored.Available ? stored.Claims(sale).Count : null,
            claimIds.Select(c => c.Buyer).Distinct().Count(),
            claimIds.Count == 0 ? 0 : claimIds.GroupBy(c => c.Buyer).Max(g => g.Count()),
            [
                "Release build, SQLite, run from its output directory (request logging at Warning)",
                .. args.List("host-config").Select(n => $"`{n}`"),
            ],
            checks,
            args.Lines("setup"),
            "dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll " + args.ShellQuoted(),
            args.Optional("script"));
        await ResultFile.WriteAsync(output, run);
        AnsiConsole.MarkupLine($"[green]Acceptance met[/] in {seconds:N1} s: " + string.Join("; ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} × {c.Value:N0}")));
        AnsiConsole.MarkupLine($"Results: {Markup.Escape(output)}");
        return 0;
    }

    /// <summary>
    /// Which buyer makes each attempt: every buyer about attempts ÷ users times, back to back — so with
    /// hundreds in flight a buyer's attempts race each other at the per-user limit — buyers in shuffled order.
    /// </summary>
    private static int[] Order(int users, int attempts)
    {
        var buyers = Enumerable.Range(0, users).ToArray();
        new Random(ShuffleSeed).Shuffle(buyers);
        return [.. buyers.SelectMany((buyer, i) => Enumerable.Repeat(buyer, (attempts / users) + (i < attempts % users ? 1 : 0)))];
    }

    private static async Task<List<string>> CheckAsync(
        SaleDesk desk, StoredClaims stored, string sale, int units, int limit, int[] statuses, List<(int Buyer, string ClaimId)> claims, IReadOnlyList<Buyer> buyers, CancellationToken cancellationToken)
    {
        var wins = statuses.Count(s => s == 201);
        var unclean = statuses.Where(s => s != 201 && !CleanRefusals.Contains(s)).GroupBy(s => s).ToList();
        if (unclean.Count > 0)
        {
            throw new InvariantException("Answers other than 201, 409, 410, 429: " + string.Join("; ", unclean.Select(g => $"{g.Key} × {g.Count():N0}")));
        }

        if (wins != units)
        {
            throw new InvariantException($"{wins:N0} answers 201 for a sale of {units:N0} units: expected exactly {units:N0}{(wins > units ? " — OVERSOLD" : " (the sale did not sell out)")}.");
        }

        var perBuyer = claims.GroupBy(c => c.Buyer).Max(g => g.Count());
        var distinct = claims.Select(c => c.ClaimId).Distinct(StringComparer.Ordinal).Count();
        if (perBuyer > limit || distinct != wins)
        {
            throw new InvariantException($"A buyer got {perBuyer} claims (limit {limit}); {distinct:N0} distinct claim ids for {wins:N0} answers 201.");
        }

        var admin = await desk.ClaimsAsync(sale, cancellationToken);
        var (status, remaining) = await desk.PublicViewAsync(sale, cancellationToken);
        if (admin.Total != wins || remaining != 0)
        {
            throw new InvariantException($"The admin route counts {admin.Total:N0} claims for {wins:N0} answers 201; the sale shows remaining {remaining} ({status}).");
        }

        var checks = new List<string>
        {
            $"exactly {units:N0} answers 201 with {distinct:N0} distinct claim ids; every other answer 409, 410 or 429 ({statuses.Count(s => s == 409):N0}, {statuses.Count(s => s == 410):N0}, {statuses.Count(s => s == 429):N0})",
            $"no buyer above the limit: at most {perBuyer} per buyer (limit {limit}) among {claims.Select(c => c.Buyer).Distinct().Count():N0} winners",
            $"the admin route counts {admin.Total:N0} claims; the sale shows remaining 0 ({status})",
        };
        if (stored.Available)
        {
            var rows = stored.Claims(sale);
            var answered = claims.Select(c => (c.ClaimId, buyers[c.Buyer].UserId)).ToHashSet();
            var storedSet = rows.Select(r => (r.ClaimId, r.UserId)).ToHashSet();
            var storedPerBuyer = rows.Count == 0 ? 0 : rows.GroupBy(r => r.UserId, StringComparer.Ordinal).Max(g => g.Count());
            if (!storedSet.SetEquals(answered) || storedPerBuyer > limit)
            {
                throw new InvariantException(
                    $"The SQLite file holds {rows.Count:N0} claims for the sale ({storedSet.Except(answered).Count()} not answered 201, {answered.Except(storedSet).Count()} answered but missing; at most {storedPerBuyer} per buyer).");
            }

            checks.Add($"the SQLite file holds exactly the {rows.Count:N0} claims answered 201, claim id by claim id, each with the buyer it was answered to; at most {storedPerBuyer} per buyer");
        }

        return checks;
    }
}
