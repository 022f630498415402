using Emporium.Checkout.Saga;
using Emporium.Checkout.Storage;
using Microsoft.Extensions.Logging;

namespace Emporium.Checkout.Recovery;

/// <summary>
/// Finishes what a crash interrupted: every unfinished saga whose lease ran out is taken over and driven
/// to its end — forward if no step failed, back through its compensations if one did. Safe on several
/// instances at once: the lease is taken with one conditional update, so each saga has one driver.
/// </summary>
internal sealed partial class SagaRecovery(SagaStore store, SagaExecutor executor, CheckoutSettings settings, TimeProvider clock, ILogger<SagaRecovery> logger)
{
    private const int Batch = 100;

    /// <summary>Drives every due saga once; returns how many it took over.</summary>
    public async Task<int> RecoverDueAsync(CancellationToken cancellationToken)
    {
        var taken = 0;
        foreach (var checkoutId in await store.DueAsync(Batch, cancellationToken))
        {
            var owner = Guid.NewGuid().ToString("N");
            if (!await store.TryLeaseAsync(checkoutId, owner, clock.GetUtcNow() + settings.Lease, cancellationToken))
            {
                continue;
            }

            taken++;
            try
            {
                var record = await store.LoadAsync(checkoutId, cancellationToken)
                    ?? throw new InvalidOperationException($"Checkout {checkoutId} disappeared.");
                var (end, after) = await executor.RunAsync(record, owner, cancellationToken);
                LogRecovered(logger, checkoutId, end, after.State.Completed ? "completed" : after.State.Compensated ? "compensated" : "unfinished");
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The lease runs out and a later pass tries again; one broken saga must not stop the others.
                LogRecoveryFailed(logger, checkoutId, exception);
            }
        }

        return taken;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered checkout {CheckoutId}: run ended {End}, saga {Outcome}")]
    private static partial void LogRecovered(ILogger logger, string checkoutId, RunEnd end, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recovering checkout {CheckoutId} failed; it will be retried")]
    private static partial void LogRecoveryFailed(ILogger logger, string checkoutId, Exception exception);
}
