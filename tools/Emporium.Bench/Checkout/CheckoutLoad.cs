using Emporium.Bench.Load;

namespace Emporium.Bench.Checkout;

/// <summary>
/// The checkout load of B3 and B4 on one host: <c>POST /api/checkout</c> by buyers whose carts
/// <see cref="CheckoutShop"/> filled before the sample, each buyer once, every sample starting with the
/// outbox drained; after each round, the checkouts as stored are checked against the answers wrk read,
/// and at the end the host's ledger. Each round fills <c>headroom</c> times as many carts as the fastest
/// rate so far needs (the command line's <c>headroomOption</c>, named when a round runs out of carts), and
/// never fewer than <c>floorRate</c> checkouts/s need, whatever the warm-up saw.
/// </summary>
internal sealed class CheckoutLoad(string name, CheckoutShop shop, CheckoutLedger ledger, Wrk wrk, string cartFile, double headroom, string headroomOption, double floorRate)
{
    private readonly List<string> _checks = [];

    private double _fastest;

    public string Name => name;

    /// <summary>What was verified after each round, for the report (<c>round N: …</c>).</summary>
    public IReadOnlyList<string> Checks => _checks;

    public static WrkRequest Request(string cartFile, string nonce) => new("checkout", cartFile, nonce, CheckoutShop.AddressJson);

    /// <summary>What the load sends and how its carts are made, in words for the report.</summary>
    public static string Description(int poolSize, double headroom) =>
        $"`POST /api/checkout` with an `Idempotency-Key` and `{{ shippingAddress (US), paymentToken }}` by a synthetic buyer (`Emporium.Host issue-tokens`) whose cart holds three SKUs at quantity 1 — consecutive entries, from a random start, of a pool of {poolSize} demo SKUs each stocked with {CheckoutShop.StockPerSku:N0} more units — and whose token is for the sandbox card that approves. Carts and tokens are made through the API before each sample (not measured), {headroom}× as many as the fastest rate so far needs; each buyer checks out once.";

    /// <summary>Checkouts on carts of their own, not measured; they may outrun the carts filled for them (422 cart_empty then).</summary>
    public async Task<LoadSample> WarmUpAsync(int seconds, CancellationToken cancellationToken)
    {
        // At least 10 s: a cold host takes seconds over its first checkouts, and a short warm-up may see none complete.
        var warmSeconds = Math.Max(seconds, 10);
        await ledger.DrainOutboxAsync(cancellationToken);
        await shop.FillCartsAsync((int)Math.Ceiling(floorRate * 2 * warmSeconds), cartFile, cancellationToken);
        var warm = await wrk.RunAsync(name, Request(cartFile, "w"), cancellationToken, warmSeconds);
        if (warm.Requests > 0)
        {
            warm.Expect(name + " (warm-up)", 201, 422);
        }

        _fastest = warm.RequestsPerSecond; // with any 422s, which cost less than a checkout: an estimate on the safe side
        InterleavedRounds.PrintSample("warm-up  ", warm);
        await ledger.DrainOutboxAsync(cancellationToken);
        return warm;
    }

    /// <param name="round">The round's number, in the nonce and in messages.</param>
    /// <param name="seconds">How long wrk runs (the carts must last that long).</param>
    /// <param name="connections">wrk's connections: at most that many requests are unread when it stops.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<LoadSample> MeasureAsync(int round, int seconds, int connections, CancellationToken cancellationToken)
    {
        var carts = (int)Math.Ceiling(Math.Max(_fastest * headroom, floorRate) * seconds);
        var chosen = await shop.FillCartsAsync(carts, cartFile, cancellationToken);
        await ledger.DrainOutboxAsync(cancellationToken);
        var nonce = $"r{round}-{Guid.NewGuid().ToString("N")[..8]}";
        var sample = await wrk.RunAsync(name, Request(cartFile, nonce), cancellationToken);
        if (sample.Count(422) > 0)
        {
            throw new InvariantException($"{name}, round {round}: {sample.Count(422):N0} checkouts found their cart already bought (422): more than the {carts:N0} carts filled; run again with a larger {headroomOption} (now {headroom}).");
        }

        sample.Expect($"{name}, round {round}", 201);
        _fastest = Math.Max(_fastest, sample.RequestsPerSecond);
        _checks.Add(await VerifyRoundAsync(round, nonce, sample, connections, chosen.Count, cancellationToken));
        return sample;
    }

    /// <summary>
    /// Once no checkout of the run is unfinished: every measured one completed with 201 and its paid order,
    /// then the ledger's checks. A description of each, or an exception naming what broke.
    /// </summary>
    /// <param name="whoseOrders">Whose checkouts the host's paid orders are, in words.</param>
    /// <param name="cancellationToken">Stops the checks.</param>
    public async Task<IReadOnlyList<string>> FinishAsync(string whoseOrders, CancellationToken cancellationToken)
    {
        var (all, recovered) = await ledger.FinishAsync(cancellationToken);
        if (all.Unfinished != 0 || all.Compensated != 0 || all.PaidOrders != all.Sagas)
        {
            throw new InvariantException($"Measured checkouts at the end: {all.Sagas:N0} stored, {all.PaidOrders:N0} with a paid order, {all.Unfinished:N0} unfinished after two minutes, {all.Compensated:N0} compensated.");
        }

        return [
            $"at the end every one of the {all.Sagas:N0} measured checkouts is completed with 201 and its paid order; {recovered:N0} of them were finished by the recovery worker once their lease ran out (a checkout whose request wrk dropped at the end still runs to its end at once)",
            .. await ledger.VerifyAsync(whoseOrders, cancellationToken),
        ];
    }

    /// <summary>
    /// Every 201 wrk read is a completed checkout with its paid order; no checkout failed; the checkouts beyond
    /// the 201s are requests wrk never read (at most one per connection, or timed out), finished or still being.
    /// </summary>
    private async Task<string> VerifyRoundAsync(int round, string nonce, LoadSample sample, int connections, int carts, CancellationToken cancellationToken)
    {
        var stored = await ledger.RoundAsync(nonce, cancellationToken);
        var acknowledged = sample.Count(201);
        var unread = connections + sample.Errors.Timeout;
        if (stored.Compensated != 0 || stored.PaidOrders != stored.Completed || stored.Completed < acknowledged || stored.Sagas > acknowledged + unread || stored.Unfinished > unread)
        {
            throw new InvariantException(
                $"{name}, round {round}: wrk read {acknowledged:N0} answers 201; stored: {stored.Sagas:N0} checkouts, {stored.Completed:N0} completed with 201, {stored.PaidOrders:N0} paid orders, "
                + $"{stored.Unfinished:N0} unfinished, {stored.Compensated:N0} compensated (at most {unread} requests unread).");
        }

        return $"round {round}: {acknowledged:N0} answers 201 read, {stored.Sagas:N0} checkouts stored ({stored.Sagas - acknowledged} for requests wrk never read: at most {unread}), "
            + $"{stored.Completed:N0} completed with 201, each a paid order, {stored.Unfinished} unfinished, none failed; {carts:N0} carts filled";
    }
}
