namespace Emporium.Accounts.RateLimiting;

/// <summary>An answer of the sign-in limits: allowed, or refused with how long to wait.</summary>
internal readonly record struct SignInVerdict(bool IsAllowed, TimeSpan RetryAfter)
{
    public static SignInVerdict Allowed { get; } = new(true, TimeSpan.Zero);
}

/// <summary>
/// The sign-in limits as the endpoints ask them: failed attempts per account, attempts per client address.
/// Counted in this process by default (<see cref="InProcessSignInLimits"/>); the scale-out deployment counts
/// in Redis so that every instance shares one count (<c>Emporium.Adapters.Redis</c>).
/// </summary>
internal interface ISignInLimits
{
    /// <summary>Counts an attempt on <paramref name="account"/> as a failure until it succeeds.</summary>
    ValueTask<SignInVerdict> TryBeginAsync(string account);

    /// <summary>A successful sign-in clears the account's failures.</summary>
    ValueTask SucceededAsync(string account);

    /// <summary>Counts an attempt from <paramref name="address"/>, successful or not.</summary>
    ValueTask<SignInVerdict> TryFromAddressAsync(string address);
}

/// <summary>The limits counted in this process: exact for one instance, per instance for several.</summary>
internal sealed class InProcessSignInLimits(FailedSignIns failures, ClientAddressLimiter addresses) : ISignInLimits
{
    public ValueTask<SignInVerdict> TryBeginAsync(string account) =>
        ValueTask.FromResult(failures.TryBegin(account, out var retryAfter) ? SignInVerdict.Allowed : new SignInVerdict(false, retryAfter));

    public ValueTask SucceededAsync(string account)
    {
        failures.Succeeded(account);
        return ValueTask.CompletedTask;
    }

    public ValueTask<SignInVerdict> TryFromAddressAsync(string address) =>
        ValueTask.FromResult(addresses.TryAcquire(address, out var retryAfter) ? SignInVerdict.Allowed : new SignInVerdict(false, retryAfter));
}
