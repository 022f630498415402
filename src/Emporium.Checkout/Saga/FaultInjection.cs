using System.Diagnostics;

namespace Emporium.Checkout.Saga;

/// <summary>Thrown by <see cref="FaultInjection"/> to stand for a crash between two saga steps.</summary>
internal sealed class InjectedFaultException(string afterEvent)
    : Exception($"Injected fault after saga event {afterEvent}.");

/// <summary>
/// Crash tests' hook: right after a chosen saga event is recorded, throw (the request fails, the saga
/// row is left mid-way) or kill the process. Off unless <c>Emporium:Checkout:Faults:After</c> is set or a
/// test arms it; it costs one field read per step otherwise.
/// </summary>
internal sealed class FaultInjection(CheckoutSettings settings)
{
    private volatile Armed? _armed = settings.FaultAfter is { Length: > 0 } after ? new Armed(after, settings.FaultMode) : null;

    /// <summary>Arms a fault after the next recording of <paramref name="eventType"/> (one shot); null disarms.</summary>
    public void Arm(string? eventType, FaultMode mode = FaultMode.Throw) =>
        _armed = eventType is null ? null : new Armed(eventType, mode);

    public void After(SagaEvent recorded)
    {
        if (_armed is not { } armed || !string.Equals(armed.EventType, recorded.Type, StringComparison.Ordinal))
        {
            return;
        }

        _armed = null;
        if (armed.Mode == FaultMode.Kill)
        {
            // SIGKILL: no finally blocks, no flushing, no graceful shutdown — the harshest crash there is.
            Process.GetCurrentProcess().Kill();
        }

        throw new InjectedFaultException(recorded.Type);
    }

    private sealed record Armed(string EventType, FaultMode Mode);
}
