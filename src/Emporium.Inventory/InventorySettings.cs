using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Emporium.Inventory;

/// <summary>
/// <c>Emporium:Inventory:*</c>: <c>ExpirySweepSeconds</c> (30) — how often pending reservations past
/// their expiry are released; <c>MaxHoldMinutes</c> (1440) — the longest a reservation may hold stock
/// from now. Nonsense values stop the host at start-up.
/// </summary>
internal sealed record InventorySettings(TimeSpan ExpirySweepInterval, TimeSpan MaxHold)
{
    public const string Section = "Emporium:Inventory";

    public static readonly InventorySettings Default = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(24));

    public static InventorySettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return new InventorySettings(
            TimeSpan.FromSeconds(Number(section, "ExpirySweepSeconds", Default.ExpirySweepInterval.TotalSeconds, 0.01, 24 * 3600)),
            TimeSpan.FromMinutes(Number(section, "MaxHoldMinutes", Default.MaxHold.TotalMinutes, 1, 30 * 24 * 60)));
    }

    private static double Number(IConfiguration section, string key, double fallback, double min, double max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture, $"{Section}:{key} is '{text}'; expected a number from {min} to {max}."));
        }

        return value;
    }
}
