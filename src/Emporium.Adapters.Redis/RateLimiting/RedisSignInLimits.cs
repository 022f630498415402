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

    public async ValueTask<SignInVerdict> TryBeginAsync(string account)
    {
        if (!limits.Enabled)
        {
            return SignInVerdict.Allowed;
        }

        try
        {
            var count = await counter.CountAsync(AccountKey(account), limits.FailuresPerAccount, limits.FailureWindow);
            return count.IsAllowed ? SignInVerdict.Allowed : new SignInVerdict(false, count.Remaining);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RedisUnreachable(logger, exception);
            return await fallback.TryBeginAsync(account);
        }
    }

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

    public async ValueTask<SignInVerdict> TryFromAddressAsync(string address)
    {
        if (!limits.Enabled)
        {
            return SignInVerdict.Allowed;
        }

        try
        {
            var count = await counter.CountAsync(counter.KeyOf("signin:address:" + address, AddressWindow), limits.PerAddressPerMinute, AddressWindow);
            return count.IsAllowed ? SignInVerdict.Allowed : new SignInVerdict(false, count.Remaining);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RedisUnreachable(logger, exception);
            return await fallback.TryFromAddressAsync(address);
        }
    }

    private RedisKey AccountKey(string account) => counter.KeyOf("signin:account:" + account, limits.FailureWindow);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unreachable: sign-in attempts are limited per instance until it is back")]
    private static partial void RedisUnreachable(ILogger logger, Exception exception);
}
