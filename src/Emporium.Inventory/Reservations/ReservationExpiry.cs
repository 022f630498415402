using Emporium.BuildingBlocks.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emporium.Inventory.Reservations;

/// <summary>
/// Ends pending reservations whose time is up, giving their units back. Each one goes through the same
/// decision as every other change, in a transaction of its own: one that was committed or released a
/// moment ago is left as it is.
/// </summary>
internal sealed class ReservationExpiry(Database database, StockReservations reservations, TimeProvider clock)
{
    private const int BatchSize = 100;

    /// <summary>One pass over everything due now; answers how many reservations it expired.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var expired = 0;
        IReadOnlyList<long> due;
        do
        {
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                due = await ReservationRows.DueAsync(connection, clock.GetUtcNow(), BatchSize, cancellationToken);
            }

            foreach (var id in due)
            {
                if (await reservations.ExpireAsync(id, cancellationToken))
                {
                    expired++;
                }
            }
        }
        while (due.Count == BatchSize);

        return expired;
    }
}

/// <summary>Runs the expiry sweep at start-up and then every <see cref="InventorySettings.ExpirySweepInterval"/>, on the host's clock.</summary>
internal sealed class ReservationExpirySweeper(ReservationExpiry expiry, InventorySettings settings, TimeProvider clock, ILogger<ReservationExpirySweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.ExpirySweepInterval, clock);
        do
        {
            try
            {
                var expired = await expiry.SweepAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Expired {Count} unpaid reservations", expired);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next tick tries again; a reservation past its expiry cannot be committed meanwhile.
                logger.LogError(exception, "Expiring reservations failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
