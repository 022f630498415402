using System.Globalization;
using Emporium.Pricing.Quotes;
using Microsoft.Extensions.Configuration;

namespace Emporium.Pricing;

/// <summary>
/// <c>Emporium:Pricing:*</c>, money in minor units of the quote's currency:
/// <c>Shipping:PerShipment</c> (499) — the charge for each shipment, a shipment being the lines of one
/// seller; <c>Shipping:FreeOver</c> (5000) — a shipment whose lines total at least this ships free
/// (0: never free); <c>Tax:DefaultRateBasisPoints</c> (0) — the rate for a country without its own;
/// <c>Tax:Rates:&lt;CC&gt;</c> — a country's rate in basis points (2000 = 20%), built in for GB 2000,
/// DE 1900, FR 2000 and US 0, each of which configuration may change.
/// Tax is added on top of subtotal plus shipping, and rounded once, half away from zero, on that total.
/// Nonsense values stop the host at start-up.
/// </summary>
internal sealed record PricingSettings(long ShippingPerShipment, long FreeShippingOver, int DefaultTaxRate, IReadOnlyDictionary<string, int> TaxRates)
{
    public const string Section = "Emporium:Pricing";

    /// <summary>100%: a rate above it is a typo, not a tax.</summary>
    public const int MaxRateBasisPoints = 10_000;

    /// <summary>A million in major units of a two-decimal currency: far beyond any parcel.</summary>
    public const long MaxShippingCharge = 100_000_000;

    public static readonly PricingSettings Default = new(
        499,
        5_000,
        0,
        new Dictionary<string, int>(StringComparer.Ordinal) { ["GB"] = 2_000, ["DE"] = 1_900, ["FR"] = 2_000, ["US"] = 0 });

    /// <summary>What a quote to <paramref name="country"/> (upper case) is charged.</summary>
    public PricingTerms TermsFor(string country) =>
        new(ShippingPerShipment, FreeShippingOver, TaxRates.TryGetValue(country, out var rate) ? rate : DefaultTaxRate);

    public static PricingSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var rates = new Dictionary<string, int>(Default.TaxRates, StringComparer.Ordinal);
        foreach (var rate in section.GetSection("Tax:Rates").GetChildren())
        {
            var country = rate.Key.Trim().ToUpperInvariant();
            if (!QuoteRequestRules.IsCountryCode(country))
            {
                throw Invalid($"Tax:Rates:{rate.Key}", rate.Value, "a two-letter country code (ISO 3166-1 alpha-2) as the key");
            }

            rates[country] = (int)Number(section, $"Tax:Rates:{rate.Key}", rates.GetValueOrDefault(country), MaxRateBasisPoints);
        }

        return new PricingSettings(
            Number(section, "Shipping:PerShipment", Default.ShippingPerShipment, MaxShippingCharge),
            Number(section, "Shipping:FreeOver", Default.FreeShippingOver, long.MaxValue / 2),
            (int)Number(section, "Tax:DefaultRateBasisPoints", Default.DefaultTaxRate, MaxRateBasisPoints),
            rates);
    }

    private static long Number(IConfiguration section, string key, long fallback, long max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > max)
        {
            throw Invalid(key, text, string.Create(CultureInfo.InvariantCulture, $"a whole number from 0 to {max}"));
        }

        return value;
    }

    private static InvalidOperationException Invalid(string key, string? value, string expected) =>
        new($"{Section}:{key} is '{value}'; expected {expected}.");
}
