using System.Globalization;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Pricing;

namespace Emporium.Pricing.Quotes;

/// <summary>A quote request after validation: one line per SKU (first-mention order), the country in upper case.</summary>
internal sealed record ValidQuoteRequest(IReadOnlyList<QuoteLine> Lines, string Country);

/// <summary>
/// The limits a quote request must stay within, checked before the catalog is asked. The same SKU twice
/// is one line of the summed quantity (a client that adds a SKU twice means both), still within the
/// per-SKU limit.
/// </summary>
internal static class QuoteRequestRules
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 999;
    public const int MaxSkuIdLength = 200;

    public static bool IsCountryCode(string? text) => text is { Length: 2 } && text.All(char.IsAsciiLetter);

    public static Result<ValidQuoteRequest> Validate(QuoteRequest? request)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("body", "A JSON object with lines and country.");
            return errors.ToError();
        }

        var country = request.Country?.Trim().ToUpperInvariant();
        if (!IsCountryCode(country))
        {
            errors.Add("country", "The destination country: two letters (ISO 3166-1 alpha-2), e.g. GB.");
        }

        if (request.Lines is not { Count: > 0 and <= MaxLines })
        {
            errors.Add("lines", string.Create(CultureInfo.InvariantCulture, $"1 to {MaxLines} lines."));
        }
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                if (line is null || string.IsNullOrWhiteSpace(line.SkuId) || line.SkuId.Length > MaxSkuIdLength)
                {
                    errors.Add(Field(i, "skuId"), string.Create(CultureInfo.InvariantCulture, $"Required, at most {MaxSkuIdLength} characters."));
                }

                if (line is null || line.Quantity is < 1 or > MaxQuantity)
                {
                    errors.Add(Field(i, "quantity"), string.Create(CultureInfo.InvariantCulture, $"A whole number from 1 to {MaxQuantity}."));
                }

                if (line?.AgreedUnitPrice is <= 0)
                {
                    errors.Add(Field(i, "agreedUnitPrice"), "When set, a positive amount in minor units.");
                }
            }
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var groups = request.Lines!.GroupBy(l => l.SkuId, StringComparer.Ordinal).ToList();
        foreach (var group in groups.Where(g => g.Select(l => l.AgreedUnitPrice).Distinct().Count() > 1))
        {
            errors.Add("lines", $"'{group.Key}' appears with different agreed prices; one SKU has one price in a quote.");
        }

        var lines = groups.Select(g => new QuoteLine(g.Key, g.Sum(l => l.Quantity), g.First().AgreedUnitPrice)).ToList();
        foreach (var line in lines.Where(l => l.Quantity > MaxQuantity))
        {
            errors.Add("lines", string.Create(CultureInfo.InvariantCulture, $"At most {MaxQuantity} units of one SKU; '{line.SkuId}' adds up to {line.Quantity}."));
        }

        return errors.Any ? errors.ToError() : new ValidQuoteRequest(lines, country!);
    }

    private static string Field(int index, string name) => string.Create(CultureInfo.InvariantCulture, $"lines[{index}].{name}");
}
