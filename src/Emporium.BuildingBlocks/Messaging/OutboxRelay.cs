using Emporium.BuildingBlocks.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emporium.BuildingBlocks.Messaging;

/// <summary>
/// Runs the <see cref="OutboxDispatcher"/> for the life of the host: at once when something is
/// enqueued on this instance, and every <see cref="PollInterval"/> for everything else (other
/// instances' messages, retries, messages left behind by a crash).
/// <c>Emporium:Messaging:RelayEnabled=false</c> leaves delivery to other instances (or to a test that
/// drives the dispatcher itself).
/// </summary>
internal sealed class OutboxRelay(
    OutboxDispatcher dispatcher, OutboxSignal signal, DatabaseInitializer initializer, IConfiguration configuration, ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Emporium:Messaging:RelayEnabled", true))
        {
            logger.LogInformation("Outbox relay disabled on this instance (Emporium:Messaging:RelayEnabled=false)");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (initializer.IsReady)
                {
                    while (await dispatcher.DispatchPendingAsync(stoppingToken) > 0)
                    {
                        // Keep going while there is a backlog.
                    }
                }

                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Whatever went wrong (the database restarting, most likely), the relay must outlive it:
                // an exception escaping a BackgroundService stops the whole host.
                logger.LogWarning(exception, "Outbox relay pass failed; retrying");
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
