using Emporium.BuildingBlocks.Persistence;
using Emporium.Contracts.Inventory;
using Microsoft.Extensions.Logging;

namespace Emporium.FlashSales.Sales;

/// <summary>What one settlement pass did.</summary>
internal sealed record SettlementPass(int Renewed, int Settled, int Finished, int Dropped);

/// <summary>
/// Keeps every unsettled sale's allotment true to the sale: renews its hold while the sale runs, and
/// once the sale is past its settle time with no checkout still paying a claim, expires the claims
/// nobody paid, gives the allotment's remainder back to the shelf and marks the sale settled. It also
/// finishes (or drops) sales whose creating request died between writing the row and reserving stock.
/// Every step is idempotent, so a pass cut short by a crash is completed by the next.
/// </summary>
internal sealed class SaleSettlement(
    Database database,
    SaleAllotting allotting,
    IStockReservations reservations,
    FlashSalesSettings settings,
    TimeProvider clock,
    ILogger<SaleSettlement> logger)
{
    /// <summary>
    /// How long an <c>allotting</c> row is left to the request that wrote it (it reserves within
    /// milliseconds) before the pass treats it as abandoned.
    /// </summary>
    public static readonly TimeSpan StaleAllotting = TimeSpan.FromMinutes(1);

    public async Task<SettlementPass> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<FlashSale> sales;
        HashSet<long> stale;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            sales = await SaleRows.ListUnsettledAsync(connection, cancellationToken);
            stale = [.. await SaleStore.StaleAllottingAsync(connection, now - StaleAllotting, cancellationToken)];
        }

        var pass = new SettlementPass(0, 0, 0, 0);
        foreach (var sale in sales)
        {
            try
            {
                pass = sale.Status switch
                {
                    SaleStatus.Allotting when stale.Contains(sale.Id) => await allotting.FinishAsync(sale, cancellationToken)
                        ? pass with { Finished = pass.Finished + 1 }
                        : pass with { Dropped = pass.Dropped + 1 },
                    SaleStatus.Open when now >= sale.SettlesAt => await SettleAsync(sale, now, cancellationToken)
                        ? pass with { Settled = pass.Settled + 1 }
                        : pass,
                    SaleStatus.Open => await RenewAsync(sale, now, cancellationToken) ? pass with { Renewed = pass.Renewed + 1 } : pass,
                    _ => pass,
                };
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One sale's trouble (its allotment unreadable, a deadlock victim) must not keep the others
                // from settling; this sale is tried again on the next pass.
                logger.LogError(exception, "Settling flash sale {SaleId} failed", sale.Id);
            }
        }

        return pass;
    }

    /// <summary>
    /// Settles the sale unless a checkout is still paying one of its claims (then the next pass tries
    /// again: that checkout either completes or gives the claim back). True when the sale is settled.
    /// </summary>
    private async Task<bool> SettleAsync(FlashSale sale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var paying = await SaleStore.ExpireClaimedAsync(connection, transaction, sale.Id, now, cancellationToken);
            if (paying > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // Releasing a released or expired allotment changes nothing; a committed one cannot exist (the
        // module never commits it). Its carved units are reservations of their own and stay as they are.
        var released = await reservations.ReleaseAsync(sale.AllotmentId!, cancellationToken);
        if (!released.IsSuccess)
        {
            logger.LogError(
                "Flash sale {SaleId}: releasing allotment {AllotmentId} failed: {Code} {Message}",
                sale.Id, sale.AllotmentId, released.Error!.Code, released.Error.Message);
            return false;
        }

        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await SaleStore.MarkSettledAsync(connection, sale.Id, cancellationToken);
        }

        logger.LogInformation("Settled flash sale {SaleId}; its allotment's remainder is back on the shelf", sale.Id);
        return true;
    }

    /// <summary>Extends the allotment's hold when less than half of a full hold is left; true when it did.</summary>
    private async Task<bool> RenewAsync(FlashSale sale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var allotment = await reservations.GetAsync(sale.AllotmentId!, cancellationToken);
        if (!allotment.IsSuccess || allotment.Value.Status != ReservationStatus.Pending)
        {
            // Only a host stopped for longer than a whole hold lets it lapse: the units are back on the
            // shelf and buyers cannot pay their claims. Loud, because it needs a person.
            logger.LogError(
                "Flash sale {SaleId}'s allotment {AllotmentId} no longer holds stock ({Status})",
                sale.Id, sale.AllotmentId, allotment.IsSuccess ? allotment.Value.Status.ToString() : allotment.Error!.Code);
            return false;
        }

        if (Allotment.RenewTo(allotment.Value.ExpiresAt, sale.SettlesAt, now, settings) is not { } until)
        {
            return false;
        }

        var extended = await reservations.ExtendAsync(sale.AllotmentId!, until, cancellationToken);
        if (!extended.IsSuccess)
        {
            logger.LogError(
                "Flash sale {SaleId}: extending allotment {AllotmentId} failed: {Code} {Message}",
                sale.Id, sale.AllotmentId, extended.Error!.Code, extended.Error.Message);
            return false;
        }

        return true;
    }
}

/// <summary>Runs the settlement pass at start-up and then every <see cref="FlashSalesSettings.SweepInterval"/>, on the host's clock.</summary>
internal sealed class SaleSettlementWorker(SaleSettlement settlement, FlashSalesSettings settings, TimeProvider clock, ILogger<SaleSettlementWorker> logger)
    : Microsoft.Extensions.Hosting.BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.SweepInterval, clock);
        do
        {
            try
            {
                var pass = await settlement.SweepAsync(stoppingToken);
                if (pass.Settled + pass.Finished + pass.Dropped > 0)
                {
                    logger.LogInformation(
                        "Flash-sale settlement: {Settled} settled, {Finished} finished allotting, {Dropped} dropped",
                        pass.Settled, pass.Finished, pass.Dropped);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next tick tries again; nothing a pass does is lost by stopping half-way.
                logger.LogError(exception, "The flash-sale settlement pass failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
