using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Emporium.Checkout.Recovery;

/// <summary>Runs <see cref="SagaRecovery"/> at start-up and then every <c>Emporium:Checkout:RecoveryIntervalSeconds</c>.</summary>
internal sealed partial class SagaRecoveryWorker(SagaRecovery recovery, CheckoutSettings settings, TimeProvider clock, ILogger<SagaRecoveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await recovery.RecoverDueAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPassFailed(logger, exception);
            }

            try
            {
                await Task.Delay(settings.RecoveryInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A checkout recovery pass failed; the next pass retries")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
