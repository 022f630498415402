using Emporium.Accounts.RateLimiting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.RateLimiting;

/// <summary>
/// The scale-out <see cref="ISignInLimits"/>: failed sign-ins per account and attempts per address counted
/// in Redis (<see cref="FixedWindowCounter"/>), so a password guesser spreading attempts over the instances
/// meets one limit. Same rules as in process: every attempt counts as a failure when it starts, a success
/// clears the account's count, the window opens at the first attempt. While Redis cannot be reached the
/// limits are counted per instance again, like the purchase limits (ADR 0009).
/// </summary>
internal sealed partial class RedisSignInLimits(
    FixedWindowCounter counter, LoginRateLimits limits, InProcessSignInLimits fallback, ILogger<RedisSignInLimits> logger)
    : ISignInLimits
{
    private static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(1);

    public ValueTask<SignInVerdict> TryBeginAsync(string account) =>
        CountAsync(AccountKey(account), limits.FailuresPerAccount, limits.FailureWindow, () => fallback.TryBeginAsync(account));

    public async ValueTask SucceededAsync(string account)
    {
        await fallback.SucceededAsync(account);
        try
        {
            await counter.ResetAsync(AccountKey(account));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RedisUnreachable(logger, exception);
        }
    }

    public ValueTask<SignInVerdict> TryFromAddressAsync(string address) =>
        CountAsync(counter.KeyOf("signin:address:" + address, AddressWindow), limits.PerAddressPerMinute, AddressWindow, () => fallback.TryFromAddressAsync(address));

    /// <summary>One attempt against <paramref name="key"/>'s window; this instance's own count while Redis is unreachable.</summary>
    private async ValueTask<SignInVerdict> CountAsync(RedisKey key, int limit, TimeSpan window, Func<ValueTask<SignInVerdict>> inProcess)
    {
        if (!limits.Enabled)
        {
            return SignInVerdict.Allowed;
        }

        try
        {
            var count = await counter.CountAsync(key, limit, window);
            return count.IsAllowed ? SignInVerdict.Allowed : new SignInVerdict(false, count.Remaining);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RedisUnreachable(logger, exception);
            return await inProcess();
        }
    }

    private RedisKey AccountKey(string account) => counter.KeyOf("signin:account:" + account, limits.FailureWindow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: sign-in attempts are limited per instance until it is back")]
    private static partial void RedisUnreachable(ILogger logger, Exception exception);
}
