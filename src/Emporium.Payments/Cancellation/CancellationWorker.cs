using Emporium.BuildingBlocks.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emporium.Payments.Cancellation;

/// <summary>Wakes the worker early when a cancellation was recorded (before it commits: the worker also polls).</summary>
internal sealed class CancellationSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one pass serves every request recorded before it.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _wake.Dispose();
}

/// <summary>Runs <see cref="PaymentCompensation"/> for the life of the host: when woken, and every <see cref="PollInterval"/>.</summary>
internal sealed class CancellationWorker(PaymentCompensation compensation, CancellationSignal signal, DatabaseInitializer initializer, ILogger<CancellationWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (initializer.IsReady)
                {
                    await compensation.RunDueAsync(stoppingToken);
                }

                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The worker must outlive whatever went wrong (the database restarting, most likely):
                // an exception escaping a BackgroundService stops the whole host.
                logger.LogWarning(exception, "Payment compensation pass failed; retrying");
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
