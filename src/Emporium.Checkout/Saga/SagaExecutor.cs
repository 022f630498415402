using Emporium.Checkout.Storage;
using Microsoft.Extensions.Logging;

namespace Emporium.Checkout.Saga;

/// <summary>How a run of the executor ended.</summary>
internal enum RunEnd
{
    /// <summary>The saga is completed or compensated.</summary>
    Finished,

    /// <summary>A compensation could not run now; recovery retries it later. The answer may already be decided.</summary>
    Paused,

    /// <summary>Another executor recorded a step first: it owns the saga now.</summary>
    LeaseLost,
}

/// <summary>
/// Drives one saga: asks <see cref="CheckoutSaga.Next"/> for the step, runs it, records what it reported
/// (with the lease and version check), and repeats until the saga finishes, pauses, or someone else owns it.
/// The only place where steps run, for the buyer's request and for recovery alike.
/// </summary>
internal sealed partial class SagaExecutor(
    SagaStore store, SagaSteps steps, FaultInjection faults, CheckoutSettings settings, TimeProvider clock, ILogger<SagaExecutor> logger)
{
    public async Task<(RunEnd End, SagaRecord Record)> RunAsync(SagaRecord record, string leaseOwner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (state, version, response) = (record.State, record.Version, record.Response);
        while (CheckoutSaga.Next(state) is { } step)
        {
            var outcome = await steps.RunAsync(step, state, cancellationToken);
            if (outcome.Event is not { } change)
            {
                LogPaused(logger, state.CheckoutId, step, outcome.PauseReason!);
                await store.ReleaseLeaseAsync(state.CheckoutId, leaseOwner, clock.GetUtcNow() + settings.RecoveryInterval, cancellationToken);
                return (RunEnd.Paused, record with { State = state, Version = version, Response = response });
            }

            var after = CheckoutSaga.Evolve(state, change);
            var decided = response ?? CheckoutAnswers.Decide(after);
            if (!await store.AppendAsync(after, version, change, decided, leaseOwner, clock.GetUtcNow() + settings.Lease, cancellationToken))
            {
                return (RunEnd.LeaseLost, record with { State = state, Version = version, Response = response });
            }

            (state, version, response) = (after, version + 1, decided);
            faults.After(change);
        }

        return (RunEnd.Finished, record with { State = state, Version = version, Response = response });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkout {CheckoutId} paused at {Step}: {Reason}; recovery will retry")]
    private static partial void LogPaused(ILogger logger, string checkoutId, SagaStep step, string reason);
}
