using System.Globalization;
using Emporium.BuildingBlocks;

namespace Emporium.Web.Components.Shared;

/// <summary>Money as a shopper reads it: minor units scaled by the currency's digits, with its symbol.</summary>
public static class MoneyText
{
    private static readonly Dictionary<string, (string Symbol, int Digits)> Known = new(StringComparer.Ordinal)
    {
        ["USD"] = ("$", 2),
        ["EUR"] = ("€", 2),
        ["GBP"] = ("£", 2),
        ["JPY"] = ("¥", 0),
    };

    public static string Format(Money money)
    {
        var (symbol, digits) = Known.TryGetValue(money.Currency, out var known) ? known : (money.Currency + " ", 2);
        var value = money.Amount / (decimal)Pow10(digits);
        var sign = value < 0 ? "−" : "";
        return sign + symbol + Math.Abs(value).ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Whole currency units a shopper types (12.50) as minor units, for the seller's price field.</summary>
    public static bool TryParseMinorUnits(string? text, string currency, out long amount)
    {
        amount = 0;
        var digits = Known.TryGetValue(currency, out var known) ? known.Digits : 2;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            return false;
        }

        var scaled = value * Pow10(digits);
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue)
        {
            return false;
        }

        amount = (long)scaled;
        return true;
    }

    private static long Pow10(int digits) => digits == 0 ? 1 : 10 * Pow10(digits - 1);
}
