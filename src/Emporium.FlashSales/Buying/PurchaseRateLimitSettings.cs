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
