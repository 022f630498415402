using System.Globalization;
using Emporium.Web.Components.Shared;

namespace Emporium.Web.Components.Pages.Admin.FlashSales;

/// <summary>
/// The admin's new-sale form as typed: every field is text, so a number or time that does not parse is a
/// field error of its own rather than a form that fails to bind.
/// </summary>
public sealed class NewSaleForm
{
    /// <summary>What <c>datetime-local</c> inputs send (seconds only when the browser shows them).</summary>
    private static readonly string[] LocalTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.fff"];

    public string? SkuId { get; set; }

    public string? Price { get; set; }

    public string? Quantity { get; set; }

    public string? PerUserLimit { get; set; }

    public string? StartsAt { get; set; }

    public string? EndsAt { get; set; }

    public string? AdmitPerSecond { get; set; }

    /// <summary>The value a <c>datetime-local</c> input shows for <paramref name="time"/> in UTC.</summary>
    public static string LocalValue(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A time typed in a <c>datetime-local</c> input, read as UTC (the form says so).</summary>
    public static bool TryParseUtc(string? text, out DateTimeOffset time)
    {
        time = default;
        if (!DateTime.TryParseExact(text?.Trim(), LocalTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        time = new DateTimeOffset(parsed, TimeSpan.Zero);
        return true;
    }

    /// <summary>A whole number as typed, or null when empty; false when it is not one.</summary>
    public static bool TryParseWhole(string? text, out long? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>The price typed in whole currency units (12.50) as minor units of <paramref name="currency"/>.</summary>
    public bool TryPriceIn(string currency, out long minorUnits) => MoneyText.TryParseMinorUnits(Price?.Trim(), currency, out minorUnits);
}
