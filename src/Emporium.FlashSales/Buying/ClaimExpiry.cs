using Emporium.BuildingBlocks.Persistence;
using Emporium.FlashSales.Sales;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// Expires claims nobody paid by their deadline and gives each one's unit back to its sale's gate (and
/// the buyer's slot with it: they may claim again). A claim in checkout (<c>paying</c>) never expires here;
/// if its checkout gives it up after the deadline it is back to <c>claimed</c> and the next pass takes it.
/// </summary>
internal sealed class ClaimExpiry(Database database, IStockGate gate, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>
    /// One pass over every claim due now; answers how many it expired. Passes of this process do not
    /// overlap: one that finds nothing left to do returns only after the pass that did it has given every
    /// unit back (with a shared gate that takes a round trip per unit).
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            return await SweepOnceAsync(cancellationToken);
        }
        finally
        {
            _pass.Release();
        }
    }

    public void Dispose() => _pass.Dispose();

    private async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<long> sales;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            sales = await GateRows.SalesWithDueClaimsAsync(connection, now, cancellationToken);
        }

        var expired = 0;
        foreach (var saleId in sales)
        {
            expired += await gate.GiveBackAsync(
                saleId, (connection, transaction, token) => GateRows.ExpireDueAsync(connection, transaction, saleId, now, token), cancellationToken);
        }

        return expired;
    }

    /// <summary>
    /// Loads the gate of every sale not yet settled, so that the first buyers of a sale that is already
    /// running do not wait for its reconciliation (and so that a restart is seen to rebuild them).
    /// </summary>
    public async Task<int> WarmAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<FlashSale> sales;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            sales = await SaleRows.ListUnsettledAsync(connection, cancellationToken);
        }

        foreach (var sale in sales)
        {
            await gate.FindAsync(sale.Id, cancellationToken);
        }

        return sales.Count;
    }
}

/// <summary>
/// Warms the gates at start-up (the schema is in place by then: the host migrates before it starts its
/// services), then runs the expiry sweep every <see cref="FlashSalesSettings.SweepInterval"/> on the host's clock.
/// </summary>
internal sealed class ClaimExpiryWorker(ClaimExpiry expiry, FlashSalesSettings settings, TimeProvider clock, ILogger<ClaimExpiryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Made first, so the interval counts from the start, however long the warming takes.
        using var timer = new PeriodicTimer(settings.SweepInterval, clock);
        try
        {
            var warmed = await expiry.WarmAsync(stoppingToken);
            if (warmed > 0)
            {
                logger.LogInformation("Rebuilt the stock gates of {Count} flash sales from storage", warmed);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not fatal: each gate is loaded on its first use instead.
            logger.LogError(exception, "Warming the flash-sale stock gates failed");
        }

        do
        {
            try
            {
                var expired = await expiry.SweepAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Expired {Count} unpaid flash-sale claims; their units are back on sale", expired);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next tick tries again; a claim past its deadline cannot be paid meanwhile.
                logger.LogError(exception, "Expiring flash-sale claims failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
