using System.Globalization;
using Emporium.Cart.Identity;
using Emporium.Cart.Model;
using Microsoft.Extensions.Configuration;

namespace Emporium.Cart;

/// <summary>
/// <c>Emporium:Cart:*</c>: <c>MaxQuantityPerLine</c> (10), <c>MergePolicy</c> (<c>max</c> or <c>sum</c>;
/// <c>max</c>), <c>GuestLifetimeDays</c> (7), <c>UserLifetimeDays</c> (30), <c>PurgeIntervalMinutes</c> (60).
/// Nonsense values stop the host at start-up rather than surprising a shopper later.
/// </summary>
internal sealed record CartSettings(int MaxQuantityPerLine, MergePolicy MergePolicy, TimeSpan GuestLifetime, TimeSpan UserLifetime, TimeSpan PurgeInterval)
{
    public const string Section = "Emporium:Cart";

    public static readonly CartSettings Default = new(10, MergePolicy.Max, TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromMinutes(60));

    public CartRules RulesFor(CartOwnerKind kind) => new(MaxQuantityPerLine, kind == CartOwnerKind.Guest ? GuestLifetime : UserLifetime);

    public static CartSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var policy = section["MergePolicy"]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "max" => MergePolicy.Max,
            "sum" => MergePolicy.Sum,
            var other => throw Invalid("MergePolicy", other, "'max' or 'sum'"),
        };

        return new CartSettings(
            (int)Number(section, "MaxQuantityPerLine", Default.MaxQuantityPerLine, 1, 10_000),
            policy,
            TimeSpan.FromDays(Number(section, "GuestLifetimeDays", Default.GuestLifetime.TotalDays, 0.001, 3650)),
            TimeSpan.FromDays(Number(section, "UserLifetimeDays", Default.UserLifetime.TotalDays, 0.001, 3650)),
            TimeSpan.FromMinutes(Number(section, "PurgeIntervalMinutes", Default.PurgeInterval.TotalMinutes, 0.01, 7 * 24 * 60)));
    }

    private static double Number(IConfiguration section, string key, double fallback, double min, double max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max
            || (key == "MaxQuantityPerLine" && value != Math.Floor(value)))
        {
            throw Invalid(key, text, $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
        }

        return value;
    }

    private static InvalidOperationException Invalid(string key, string value, string expected) =>
        new($"{Section}:{key} is '{value}'; expected {expected}.");
}
