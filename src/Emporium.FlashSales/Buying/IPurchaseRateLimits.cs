using System.Net;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// The purchase route's attempt limits, per buyer and per client address (<see cref="PurchaseRateLimitSettings"/>).
/// Counted in process memory in the embedded deployment (<see cref="InProcessPurchaseRateLimits"/>) and in
/// Redis, across every instance, in the scale-out one.
/// </summary>
internal interface IPurchaseRateLimits
{
    /// <summary>
    /// Counts one attempt by <paramref name="userId"/> from <paramref name="address"/> (none: only the buyer's
    /// limit applies) and says whether it may go ahead, or how long until the window that refused it ends.
    /// </summary>
    ValueTask<RateLimitVerdict> TryAcquireAsync(string userId, IPAddress? address, CancellationToken cancellationToken);
}

/// <summary>Whether an attempt is within its limits and, when not, how long until it may try again.</summary>
internal readonly record struct RateLimitVerdict(bool IsAllowed, TimeSpan RetryAfter)
{
    public static RateLimitVerdict Allowed => new(true, TimeSpan.Zero);

    public static RateLimitVerdict Refused(TimeSpan retryAfter) => new(false, retryAfter);
}
