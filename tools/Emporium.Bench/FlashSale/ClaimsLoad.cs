using Emporium.Bench.Load;

namespace Emporium.Bench.FlashSale;

/// <summary>
/// The load of B1 (a) and B4: purchase attempts while stock lasts, every one of them a durable claim.
/// A sale holds at most <c>unitsPerSale</c> (inventory reserves at most 10,000 units at once), so each
/// round gets fresh sales (and the stock for them) enough for <c>headroom</c> times the fastest rate seen
/// so far, and never fewer than <see cref="FloorRate"/> needs; wrk spreads its attempts over them. A
/// single 410 means a sale sold out mid-round: the round is void and the run fails.
/// </summary>
/// <remarks>
/// wrk stops on a clock with requests in flight: the host claims for them, but wrk never reads their
/// 201. So the check per round is: stored claims ≥ the 201s wrk read (none lost) and ≤ those plus one
/// per connection (nothing claimed that nobody asked for), no sale above its allotment, and the admin
/// route and the database (SQLite file or PostgreSQL table) agree. The B1 acceptance run, which reads every answer, checks equality.
/// </remarks>
internal sealed class ClaimsLoad(string name, SaleDesk desk, Wrk wrk, StoredClaims stored, string tokenFile, int unitsPerSale, double headroom)
{
    private const int WarmUpSales = 5;

    /// <summary>Claims/s every round has units for, whatever the warm-up saw: a cold host is slower than a warm one.</summary>
    private const double FloorRate = 20_000;

    private double _fastest;

    private readonly List<string> _checks = [];

    public string Name => name;

    /// <summary>What was verified after each round, for the report.</summary>
    public IReadOnlyList<string> Checks => _checks;

    /// <summary>Sales in the latest round.</summary>
    public int SalesPerRound { get; private set; }

    public WrkRequest Request(IReadOnlyList<string> sales) => new("purchase", tokenFile, string.Join(',', sales));

    /// <summary>The stock <see cref="WarmUpAsync"/> needs; each round adds its own.</summary>
    public static long WarmUpStock(int unitsPerSale) => (long)WarmUpSales * unitsPerSale;

    /// <summary>A short run on sales of its own (they may sell out: 201 and 410 both fine), not measured.</summary>
    public async Task<LoadSample> WarmUpAsync(int seconds, CancellationToken cancellationToken)
    {
        var sales = await desk.CreateSalesAsync(WarmUpSales, unitsPerSale, unitsPerSale, cancellationToken);
        var sample = await wrk.RunAsync(name, Request(sales), cancellationToken, seconds);
        sample.Expect(name + " (warm-up)", 201, 410);
        _fastest = Math.Max(_fastest, sample.RequestsPerSecond);
        InterleavedRounds.PrintSample("warm-up  ", sample);
        return sample;
    }

    /// <param name="round">The round's number, for messages.</param>
    /// <param name="seconds">How long wrk runs (the sales must last that long).</param>
    /// <param name="connections">wrk's connections: at most that many requests are in flight when it stops.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<LoadSample> MeasureAsync(int round, int seconds, int connections, CancellationToken cancellationToken)
    {
        SalesPerRound = (int)Math.Ceiling(Math.Max(_fastest * headroom, FloorRate) * seconds / unitsPerSale) + 1;
        await desk.AddStockAsync((long)SalesPerRound * unitsPerSale, cancellationToken);
        var sales = await desk.CreateSalesAsync(SalesPerRound, unitsPerSale, unitsPerSale, cancellationToken);
        var sample = await wrk.RunAsync(name, Request(sales), cancellationToken);
        _fastest = Math.Max(_fastest, sample.RequestsPerSecond);
        if (sample.Count(410) > 0)
        {
            throw new InvariantException(
                $"{name}, round {round}: {sample.Count(410):N0} attempts found one of its {sales.Count} sales sold out, so not every attempt was a claim; run again with a larger --headroom (now {headroom}).");
        }

        sample.Expect($"{name}, round {round}", 201);
        // A request wrk gave up on (timeout) may still have been claimed, like one in flight at the end.
        _checks.Add(await VerifyAsync(round, sales, sample.Count(201), connections + (int)sample.Errors.Timeout, cancellationToken));
        return sample;
    }

    private async Task<string> VerifyAsync(int round, IReadOnlyList<string> sales, long acknowledged, int unread, CancellationToken cancellationToken)
    {
        // The last attempts wrk sent may still be in the batch being committed: count until two reads agree.
        var claims = await CountAsync(sales, cancellationToken);
        for (var tries = 0; tries < 50; tries++)
        {
            await Task.Delay(200, cancellationToken);
            var again = await CountAsync(sales, cancellationToken);
            if (again.Sum(c => c.Total) == claims.Sum(c => c.Total))
            {
                break;
            }

            claims = again;
        }

        var total = claims.Sum(c => c.Total);
        var where = $"{name}, round {round}";
        if (claims.Any(c => c.Holding > unitsPerSale))
        {
            throw new InvariantException($"{where}: a sale has more claims ({claims.Max(c => c.Holding):N0}) than units ({unitsPerSale:N0}): OVERSOLD.");
        }

        var rows = stored.Count(sales);
        if (rows is { } r && r != total)
        {
            throw new InvariantException($"{where}: the admin route counts {total:N0} claims, the {stored.Source} holds {r:N0} rows.");
        }

        if (total < acknowledged)
        {
            throw new InvariantException($"{where}: wrk read {acknowledged:N0} answers 201 but only {total:N0} claims are stored: CLAIMS LOST.");
        }

        if (total > acknowledged + unread)
        {
            throw new InvariantException($"{where}: {total:N0} claims stored for {acknowledged:N0} answers 201 and at most {unread} requests whose answers wrk never read.");
        }

        return $"{where}: {acknowledged:N0} answers 201, {total:N0} claims stored over {sales.Count} sales (admin route{(rows is null ? "" : $" and {stored.Source} agree")}); "
            + $"{total - acknowledged} claimed for requests whose answers wrk never read (in flight when it stopped, or timed out: at most {unread})";
    }

    private async Task<List<SaleClaims>> CountAsync(IReadOnlyList<string> sales, CancellationToken cancellationToken)
    {
        var counts = new List<SaleClaims>();
        foreach (var sale in sales)
        {
            counts.Add(await desk.ClaimsAsync(sale, cancellationToken));
        }

        return counts;
    }
}
