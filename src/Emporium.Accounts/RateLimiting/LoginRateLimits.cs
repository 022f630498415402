using Microsoft.Extensions.Configuration;

namespace Emporium.Accounts.RateLimiting;

/// <summary>
/// Sign-in limits, from <c>Emporium:RateLimits</c>. <c>Emporium:RateLimits:Enabled=false</c> turns every
/// limit off (load tests from one address). Counted in this process, or in Redis when the scale-out
/// deployment has it (see <see cref="ISignInLimits"/>).
/// </summary>
internal sealed record LoginRateLimits(bool Enabled, int PerAddressPerMinute, int FailuresPerAccount, TimeSpan FailureWindow)
{
    public const string Section = "Emporium:RateLimits";

    public static LoginRateLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new LoginRateLimits(
            configuration.GetValue<bool?>($"{Section}:Enabled") ?? true,
            Positive(configuration, "Login:PerAddressPerMinute", 20),
            Positive(configuration, "Login:FailuresPerAccount", 10),
            TimeSpan.FromSeconds(Positive(configuration, "Login:FailureWindowSeconds", 900)));
    }

    private static int Positive(IConfiguration configuration, string key, int defaultValue)
    {
        var value = configuration.GetValue<int?>($"{Section}:{key}") ?? defaultValue;
        return value > 0 ? value : throw new InvalidOperationException($"{Section}:{key} must be a positive number (got {value}).");
    }
}
