using System.Globalization;

namespace Emporium.FlashSales.Sales;

/// <summary>
/// A sale's terms as stored: <see cref="Quantity"/> units of <see cref="SkuId"/> at <see cref="Price"/>,
/// at most <see cref="PerUserLimit"/> per buyer, claimable from <see cref="StartsAt"/> until
/// <see cref="EndsAt"/>; with <see cref="AdmitPerSecond"/> set, buyers go through the waiting room.
/// </summary>
internal sealed record FlashSale(
    long Id,
    string SkuId,
    long Price,
    string Currency,
    int Quantity,
    int PerUserLimit,
    string Country,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset SettlesAt,
    int? AdmitPerSecond,
    SaleStatus Status,
    string? AllotmentId)
{
    public string IdText => Id.ToString(CultureInfo.InvariantCulture);

    public bool IsOpenAt(DateTimeOffset now) => Status == SaleStatus.Open && now >= StartsAt && now < EndsAt;

    /// <summary>Sale ids are opaque strings to clients; today decimal renderings of the key.</summary>
    public static bool TryParseId(string? text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}

internal enum SaleStatus
{
    /// <summary>The sale row exists; its allotment is not reserved yet (a crash in between is finished by the sweep).</summary>
    Allotting,
    Open,

    /// <summary>Past its settle time: every claim is paid or expired and the allotment's remainder is back on the shelf.</summary>
    Settled,
}
