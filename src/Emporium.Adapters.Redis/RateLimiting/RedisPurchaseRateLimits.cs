using System.Net;
using Emporium.FlashSales.Buying;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.RateLimiting;

/// <summary>
/// The scale-out <see cref="IPurchaseRateLimits"/>: the per-buyer and per-address one-second windows counted
/// in Redis (<see cref="FixedWindowCounter"/>), so the limits hold across every instance together.
/// </summary>
/// <remarks>
/// The buyer's window is counted first and the address's only for an attempt the buyer's allows, as the
/// embedded limiter does. Two round trips rather than one script because the two keys hash to different
/// slots on Redis Cluster. When Redis cannot be reached the attempt is judged by this instance's own
/// in-process limiter (ADR 0009): limits degrade to per instance rather than failing open (no limit at
/// all while Redis is down) or closed (no flash sale while Redis is down).
/// </remarks>
internal sealed partial class RedisPurchaseRateLimits(
    FixedWindowCounter counter, PurchaseRateLimitSettings settings, InProcessPurchaseRateLimits fallback, ILogger<RedisPurchaseRateLimits> logger)
    : IPurchaseRateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    public async ValueTask<RateLimitVerdict> TryAcquireAsync(string userId, IPAddress? address, CancellationToken cancellationToken)
    {
        if (!settings.Enabled)
        {
            return RateLimitVerdict.Allowed;
        }

        try
        {
            var buyer = await counter.CountAsync(counter.KeyOf("purchase:user:" + userId, Window), settings.PerUserPerSecond, Window);
            if (!buyer.IsAllowed)
            {
                return RateLimitVerdict.Refused(buyer.Remaining);
            }

            if (address is null)
            {
                return RateLimitVerdict.Allowed;
            }

            var from = await counter.CountAsync(counter.KeyOf("purchase:address:" + address, Window), settings.PerAddressPerSecond, Window);
            return from.IsAllowed ? RateLimitVerdict.Allowed : RateLimitVerdict.Refused(from.Remaining);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RedisUnreachable(logger, exception);
            return await fallback.TryAcquireAsync(userId, address, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: purchase attempts are limited per instance until it is back")]
    private static partial void RedisUnreachable(ILogger logger, Exception exception);
}
