using Emporium.Cart.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emporium.Cart.Expiry;

/// <summary>
/// Deletes expired carts (guests' after 7 days, users' after 30 days without a change, by default) at
/// start-up and then every <see cref="CartSettings.PurgeInterval"/>, on the host's <see cref="TimeProvider"/>.
/// Reads never wait for it: an expired cart already reads as empty.
/// </summary>
internal sealed class ExpiredCartPurge(ICartStore store, TimeProvider clock, CartSettings settings, ILogger<ExpiredCartPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PurgeInterval, clock);
        do
        {
            await PurgeOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; a failure is logged and the next tick tries again (a purge can always wait).</summary>
    internal async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var purged = await store.PurgeExpiredAsync(clock.GetUtcNow(), cancellationToken);
            if (purged > 0)
            {
                logger.LogInformation("Purged {Count} expired carts", purged);
            }

            return purged;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Purging expired carts failed");
            return 0;
        }
    }
}
