using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// Purchase-attempt limits, from <c>Emporium:RateLimits</c>: <c>FlashSalePurchasesPerUserPerSecond</c>
/// (default 5) and <c>FlashSalePurchasesPerAddressPerSecond</c> (default 500). <c>Emporium:RateLimits:Enabled=false</c>
/// turns them off with every other limit (load tests from one address).
/// </summary>
internal sealed record PurchaseRateLimitSettings(bool Enabled, int PerUserPerSecond, int PerAddressPerSecond)
{
    public const string Section = "Emporium:RateLimits";

    public static PurchaseRateLimitSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new PurchaseRateLimitSettings(
            configuration.GetValue<bool?>($"{Section}:Enabled") ?? true,
            Positive(configuration, "FlashSalePurchasesPerUserPerSecond", 5),
            Positive(configuration, "FlashSalePurchasesPerAddressPerSecond", 500));
    }

    private static int Positive(IConfiguration configuration, string key, int defaultValue)
    {
        var value = configuration.GetValue<int?>($"{Section}:{key}") ?? defaultValue;
        return value > 0 ? value : throw new InvalidOperationException($"{Section}:{key} must be a positive number (got {value}).");
    }
}

/// <summary>
/// The purchase route's limits: a fixed one-second window per buyer and one per client address, counted in
/// this process (several instances each count on their own until the shared store of the scale-out work).
/// </summary>
/// <remarks>
/// The address is the connection's: behind a reverse proxy every buyer shares the proxy's address unless
/// the host applies forwarded headers first. Without an address (the in-memory test server) only the
/// per-buyer limit applies, as for sign-ins.
/// </remarks>
internal sealed class PurchaseRateLimits : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly PartitionedRateLimiter<string>? _perUser;
    private readonly PartitionedRateLimiter<IPAddress>? _perAddress;

    public PurchaseRateLimits(PurchaseRateLimitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Enabled)
        {
            _perUser = PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetFixedWindowLimiter(
                userId, _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PerUserPerSecond, Window = Window, QueueLimit = 0 }));
            _perAddress = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(
                address, _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.PerAddressPerSecond, Window = Window, QueueLimit = 0 }));
        }
    }

    /// <summary>Counts one attempt; false (with how long to wait) when the buyer or the address is over its limit.</summary>
    public bool TryAcquire(string userId, IPAddress? address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_perUser is null || _perAddress is null)
        {
            return true;
        }

        if (!Acquire(_perUser, userId, out retryAfter))
        {
            return false;
        }

        return address is null || Acquire(_perAddress, address, out retryAfter);
    }

    public void Dispose()
    {
        _perUser?.Dispose();
        _perAddress?.Dispose();
    }

    private static bool Acquire<TKey>(PartitionedRateLimiter<TKey> limiter, TKey key, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire(key);
        retryAfter = lease.IsAcquired ? TimeSpan.Zero : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        return lease.IsAcquired;
    }
}
