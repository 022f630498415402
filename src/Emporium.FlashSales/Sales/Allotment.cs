using System.Globalization;
using Emporium.Contracts.Inventory;

namespace Emporium.FlashSales.Sales;

/// <summary>
/// A sale's allotment: its units held out of normal stock as one inventory reservation, under a request
/// key derived from the sale's id so that reserving it again (after a crash) is the same reservation.
/// </summary>
internal static class Allotment
{
    /// <summary>Never ask inventory for a hold shorter than this (a sale recovered just before it settles).</summary>
    public static readonly TimeSpan MinHold = TimeSpan.FromMinutes(1);

    public static string Owner(long saleId) => string.Create(CultureInfo.InvariantCulture, $"flash-sale:{saleId}");

    public static string RequestKey(long saleId) => string.Create(CultureInfo.InvariantCulture, $"flash-sale:{saleId}:allotment");

    public static ReserveStockRequest Request(long saleId, string skuId, int quantity, string country, TimeSpan hold) =>
        new(Owner(saleId), RequestKey(saleId), [new ReserveStockLine(skuId, quantity)], new StockDestination(country), hold);

    /// <summary>
    /// How long to hold an allotment reserved now: until the sale settles, but no further ahead than
    /// <see cref="FlashSalesSettings.AllotmentHold"/> — the sweep renews it as it runs down.
    /// </summary>
    public static TimeSpan Hold(DateTimeOffset settlesAt, DateTimeOffset now, FlashSalesSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var untilSettled = settlesAt - now;
        var hold = untilSettled < settings.AllotmentHold ? untilSettled : settings.AllotmentHold;
        return hold < MinHold ? MinHold : hold;
    }

    /// <summary>
    /// Where to extend an allotment that expires at <paramref name="expiresAt"/>, or null while it needs no
    /// renewal: it already lasts until the sale settles, or more than half of a full hold is left.
    /// </summary>
    public static DateTimeOffset? RenewTo(DateTimeOffset expiresAt, DateTimeOffset settlesAt, DateTimeOffset now, FlashSalesSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (expiresAt >= settlesAt || expiresAt - now >= settings.AllotmentHold / 2)
        {
            return null;
        }

        var full = now + settings.AllotmentHold;
        return full < settlesAt ? full : settlesAt;
    }
}
