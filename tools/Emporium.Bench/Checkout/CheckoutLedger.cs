using Emporium.Bench.Engines;

namespace Emporium.Bench.Checkout;

/// <summary>
/// The checkout load's reads straight from the host's database (B3's PostgreSQL, B4's SQLite files): the
/// outbox drained between samples, and the checks — every checkout answered 201 is a paid order, the stock
/// rows are the sum of their ledger, and the units sold are the units ordered.
/// </summary>
internal sealed class CheckoutLedger(HostDatabase database)
{
    /// <summary>How Load/emporium.lua's checkout mode starts every Idempotency-Key (<c>b3-NONCE-thread-n</c>), in B4 as in B3.</summary>
    private const string KeyPrefix = "b3-";

    /// <summary>Waits (up to a minute) until the host has dispatched every outbox message, so no sample pays for the previous one's.</summary>
    public async Task DrainOutboxAsync(CancellationToken cancellationToken)
    {
        for (var tries = 0; tries < 300 && await ScalarAsync("SELECT COUNT(*) FROM outbox_messages WHERE processed_at IS NULL AND dead_at IS NULL", cancellationToken) > 0; tries++)
        {
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>
    /// A round's checkouts (Idempotency-Key <c>b3-NONCE-…</c>) once their count stops moving: how many sagas,
    /// how many completed with 201, how many of those have their paid order, how many are unfinished (a
    /// checkout whose request wrk dropped when it stopped is cancelled with it, and the recovery worker
    /// finishes it once its lease runs out) and how many were compensated (failed).
    /// </summary>
    public async Task<RoundCheckouts> RoundAsync(string nonce, CancellationToken cancellationToken)
    {
        var counted = await CountAsync(KeyPrefix + nonce + "-%", cancellationToken);
        for (var tries = 0; tries < 25; tries++)
        {
            await Task.Delay(200, cancellationToken);
            var again = await CountAsync(KeyPrefix + nonce + "-%", cancellationToken);
            if (again == counted)
            {
                break;
            }

            counted = again;
        }

        return counted;
    }

    /// <summary>Waits (up to two minutes) until no checkout of the run is unfinished; then the measured ones, and how many recovery finished.</summary>
    public async Task<(RoundCheckouts All, long Recovered)> FinishAsync(CancellationToken cancellationToken)
    {
        // The warm-up's checkouts too: one left unfinished would still hold its reservation.
        for (var tries = 0; tries < 600 && (await CountAsync(KeyPrefix + "%", cancellationToken)).Unfinished > 0; tries++)
        {
            await Task.Delay(200, cancellationToken);
        }

        return (await CountAsync(KeyPrefix + "r%", cancellationToken), await ScalarAsync("SELECT COUNT(*) FROM checkout_sagas WHERE idempotency_key LIKE @p AND attempts > 1", cancellationToken, ("p", KeyPrefix + "r%")));
    }

    private async Task<RoundCheckouts> CountAsync(string pattern, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = HostDatabase.Command(
            connection,
            """
            SELECT COUNT(*),
                   COUNT(*) FILTER (WHERE s.status = 'completed' AND s.response_status = 201),
                   COUNT(o.order_id) FILTER (WHERE s.response_status = 201 AND o.status = 'paid'),
                   COUNT(*) FILTER (WHERE s.status IN ('running', 'compensating')),
                   COUNT(*) FILTER (WHERE s.status = 'compensated')
            FROM checkout_sagas s LEFT JOIN orders_orders o ON o.checkout_id = s.checkout_id
            WHERE s.idempotency_key LIKE @p
            """,
            ("p", pattern));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RoundCheckouts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    /// <summary>The end-of-run checks; a description of each, or an exception naming what broke.</summary>
    /// <param name="whoseOrders">Whose checkouts the paid orders are, in words (B3's include the pgbench baseline's).</param>
    /// <param name="cancellationToken">Stops the checks.</param>
    public async Task<IReadOnlyList<string>> VerifyAsync(string whoseOrders, CancellationToken cancellationToken)
    {
        await DrainOutboxAsync(cancellationToken);
        var unbalanced = await ScalarAsync(
            """
            SELECT COUNT(*) FROM inventory_stock s
            LEFT JOIN (SELECT sku_id, warehouse_id, SUM(on_hand_delta) AS on_hand, SUM(reserved_delta) AS reserved FROM inventory_movements GROUP BY sku_id, warehouse_id) m
              ON m.sku_id = s.sku_id AND m.warehouse_id = s.warehouse_id
            WHERE s.on_hand <> COALESCE(m.on_hand, 0) OR s.reserved <> COALESCE(m.reserved, 0)
            """,
            cancellationToken);
        var rows = await ScalarAsync("SELECT COUNT(*) FROM inventory_stock", cancellationToken);
        var sold = await ScalarAsync("SELECT COALESCE(SUM(-on_hand_delta), 0) FROM inventory_movements WHERE kind = 'sale'", cancellationToken);
        var ordered = await ScalarAsync("SELECT COALESCE(SUM(l.quantity), 0) FROM orders_lines l JOIN orders_orders o ON o.order_id = l.order_id WHERE o.status = 'paid'", cancellationToken);
        var orders = await ScalarAsync("SELECT COUNT(*) FROM orders_orders WHERE status = 'paid'", cancellationToken);
        var pending = await ScalarAsync("SELECT COUNT(*) FROM inventory_reservations WHERE state = 'pending' AND owner LIKE 'checkout:%'", cancellationToken);
        var answeredWithoutOrder = await ScalarAsync(
            "SELECT COUNT(*) FROM checkout_sagas s LEFT JOIN orders_orders o ON o.checkout_id = s.checkout_id AND o.status = 'paid' WHERE s.response_status = 201 AND o.order_id IS NULL",
            cancellationToken);
        var reserved = await ScalarAsync("SELECT COALESCE(SUM(reserved), 0) FROM inventory_stock", cancellationToken);
        var dead = await ScalarAsync("SELECT COUNT(*) FROM outbox_messages WHERE dead_at IS NOT NULL OR processed_at IS NULL", cancellationToken);
        if (unbalanced != 0 || sold != ordered || pending != 0 || answeredWithoutOrder != 0 || dead != 0)
        {
            throw new InvariantException(
                $"Ledger: {unbalanced} of {rows} stock rows differ from the sum of their movements; {sold:N0} units sold vs {ordered:N0} ordered in paid orders; "
                + $"{pending} checkout reservations still pending; {answeredWithoutOrder} checkouts answered 201 without a paid order; {dead} outbox messages dead or undelivered.");
        }

        return [
            $"the stock ledger balances: each of the {rows:N0} stock rows (on hand and reserved) equals the sum of its movements; {reserved:N0} units reserved in all, no checkout reservation left pending",
            $"units sold (the ledger's `sale` movements) = units in paid orders = {sold:N0}, over {orders:N0} paid orders ({whoseOrders})",
            "every checkout stored with the answer 201 has its paid order; every outbox message was delivered (none dead)",
        ];
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = HostDatabase.Command(connection, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Checkouts of a round (or of all rounds) as stored.</summary>
internal sealed record RoundCheckouts(long Sagas, long Completed, long PaidOrders, long Unfinished, long Compensated);
