using Microsoft.Extensions.Configuration;

namespace Emporium.Checkout;

/// <summary>Settings under <c>Emporium:Checkout</c>.</summary>
internal sealed record CheckoutSettings
{
    /// <summary>How long stock stays reserved for a checkout (renewed once, right before capture).</summary>
    public TimeSpan ReservationHold { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long one executor owns a saga without recording progress. After it, another request with the
    /// same key or the recovery worker may take the saga over (every step is idempotent, so a slow owner
    /// and a new one running the same step cause one effect).
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan RecoveryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts of a payment call that times out before the step counts as failed.</summary>
    public int PaymentAttempts { get; init; } = 3;

    public TimeSpan PaymentRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a request with the key of a checkout in progress waits for its answer before a 409.</summary>
    public TimeSpan ConcurrentWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Test-only fault injection: after which saga event (e.g. <c>PaymentAuthorized</c>) to crash, and how.</summary>
    public string? FaultAfter { get; init; }

    public FaultMode FaultMode { get; init; } = FaultMode.Throw;

    public static CheckoutSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Emporium:Checkout");
        var defaults = new CheckoutSettings();
        return new CheckoutSettings
        {
            ReservationHold = TimeSpan.FromMinutes(section.GetValue("ReservationHoldMinutes", defaults.ReservationHold.TotalMinutes)),
            Lease = TimeSpan.FromSeconds(section.GetValue("LeaseSeconds", defaults.Lease.TotalSeconds)),
            RecoveryInterval = TimeSpan.FromSeconds(section.GetValue("RecoveryIntervalSeconds", defaults.RecoveryInterval.TotalSeconds)),
            PaymentAttempts = Math.Max(1, section.GetValue("PaymentAttempts", defaults.PaymentAttempts)),
            PaymentRetryDelay = TimeSpan.FromMilliseconds(section.GetValue("PaymentRetryDelayMs", defaults.PaymentRetryDelay.TotalMilliseconds)),
            ConcurrentWait = TimeSpan.FromSeconds(section.GetValue("ConcurrentWaitSeconds", defaults.ConcurrentWait.TotalSeconds)),
            FaultAfter = section.GetValue<string?>("Faults:After"),
            FaultMode = section.GetValue("Faults:Mode", FaultMode.Throw),
        };
    }
}

/// <summary>How an injected fault crashes: an exception (the request fails, the process lives) or the process killed outright.</summary>
internal enum FaultMode
{
    Throw,
    Kill,
}
