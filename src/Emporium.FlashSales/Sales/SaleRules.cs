using System.Text.RegularExpressions;
using Emporium.BuildingBlocks.Results;

namespace Emporium.FlashSales.Sales;

/// <summary>
/// The body of <c>POST /api/admin/flash-sales</c>. Numbers are read as <see cref="long"/> so an
/// out-of-range one is a field error of its own, not a body that fails to bind.
/// </summary>
internal sealed record CreateSaleRequest(
    string? SkuId,
    long? Price,
    long? Quantity,
    long? PerUserLimit,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Country,
    long? AdmitPerSecond);

/// <summary>A sale's terms after validation: times at storage precision (milliseconds), the country upper-cased.</summary>
internal sealed record SaleTerms(
    string SkuId,
    long Price,
    int Quantity,
    int PerUserLimit,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Country,
    int? AdmitPerSecond);

/// <summary>The limits a new sale must stay within, checked before anything is read or written.</summary>
internal static partial class SaleRules
{
    public const long MaxPrice = 10_000_000_000;

    /// <summary>
    /// The allotment is one inventory reservation line, and inventory holds at most 10,000 units of a SKU
    /// in one reservation: a larger sale would be refused there with a message about reservation lines.
    /// Ten times the flash sale the platform is designed around; a larger drop is several sales.
    /// </summary>
    public const int MaxQuantity = 10_000;

    public const int MaxAdmitPerSecond = 100_000;
    public const int MaxSkuIdLength = 200;
    public const string DefaultCountry = "US";

    /// <summary>A sale is a burst, not a standing offer: its units leave normal stock for the whole window.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    public static Result<SaleTerms> Validate(CreateSaleRequest? request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("body", "A JSON object with skuId, price, quantity, perUserLimit, startsAt and endsAt.");
            return errors.ToError();
        }

        var skuId = request.SkuId?.Trim();
        if (string.IsNullOrEmpty(skuId) || skuId.Length > MaxSkuIdLength)
        {
            errors.Add("skuId", $"Required, at most {MaxSkuIdLength} characters.");
        }

        if (request.Price is not (>= 1 and <= MaxPrice))
        {
            errors.Add("price", $"Minor units of the SKU's currency, from 1 to {MaxPrice}.");
        }

        if (request.Quantity is not (>= 1 and <= MaxQuantity))
        {
            errors.Add("quantity", $"A whole number of units from 1 to {MaxQuantity}.");
        }

        if (request.PerUserLimit is not >= 1 || (request.Quantity is >= 1 and <= MaxQuantity && request.PerUserLimit > request.Quantity))
        {
            errors.Add("perUserLimit", "From 1 to the sale's quantity.");
        }

        var startsAt = request.StartsAt is { } starts ? ToStoredPrecision(starts) : (DateTimeOffset?)null;
        var endsAt = request.EndsAt is { } ends ? ToStoredPrecision(ends) : (DateTimeOffset?)null;
        ValidateWindow(startsAt, endsAt, now, errors);

        var country = request.Country is null ? DefaultCountry : request.Country.Trim().ToUpperInvariant();
        if (!CountryCode().IsMatch(country))
        {
            errors.Add("country", "An ISO 3166-1 alpha-2 code such as \"US\" or \"GB\" (the sale's market; default US).");
        }

        if (request.AdmitPerSecond is { } rate && rate is < 1 or > MaxAdmitPerSecond)
        {
            errors.Add("admitPerSecond", $"Absent (no waiting room) or from 1 to {MaxAdmitPerSecond} buyers admitted per second.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        return new SaleTerms(
            skuId!,
            request.Price!.Value,
            (int)request.Quantity!.Value,
            (int)request.PerUserLimit!.Value,
            startsAt!.Value,
            endsAt!.Value,
            country,
            request.AdmitPerSecond is { } admit ? (int)admit : null);
    }

    /// <summary>When a sale with these terms settles: after the last claim's deadline and a checkout's grace.</summary>
    public static DateTimeOffset SettlesAt(DateTimeOffset endsAt, FlashSalesSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ToStoredPrecision(endsAt + settings.ClaimDeadline + settings.CheckoutGrace);
    }

    /// <summary>Times are stored as Unix milliseconds: a sale reads back exactly as it was answered.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private static void ValidateWindow(DateTimeOffset? startsAt, DateTimeOffset? endsAt, DateTimeOffset now, ValidationErrors errors)
    {
        if (startsAt is null)
        {
            errors.Add("startsAt", "Required: when buyers may start claiming (ISO 8601 with an offset).");
        }

        if (endsAt is null)
        {
            errors.Add("endsAt", "Required: when claiming stops (ISO 8601 with an offset).");
            return;
        }

        if (endsAt <= now)
        {
            errors.Add("endsAt", "Must be in the future.");
        }

        if (startsAt is { } start)
        {
            if (endsAt <= start)
            {
                errors.Add("endsAt", "Must be after startsAt.");
            }
            else if (endsAt - start > MaxDuration)
            {
                errors.Add("endsAt", $"A sale lasts at most {MaxDuration.TotalDays} days.");
            }
        }
    }

    /// <summary>Two letters A–Z: the shape of an ISO 3166-1 alpha-2 code.</summary>
    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();
}
