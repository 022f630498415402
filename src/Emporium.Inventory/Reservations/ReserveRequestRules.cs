using System.Globalization;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Inventory;
using Emporium.Inventory.Warehouses;

namespace Emporium.Inventory.Reservations;

/// <summary>A reserve request after validation: one line per SKU, in SKU order; the country upper-cased.</summary>
internal sealed record ValidReserveRequest(string Owner, string RequestKey, IReadOnlyList<ReserveStockLine> Lines, StockDestination Destination, TimeSpan Hold)
{
    /// <summary>What a repeat with the same key must ask for again: owner, destination country and lines.</summary>
    public string Fingerprint =>
        $"{Owner}|{Destination.Country}|{string.Join(';', Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.SkuId}x{l.Quantity}")))}";
}

/// <summary>The limits a reserve request must stay within: checked before anything is read or written.</summary>
internal static class ReserveRequestRules
{
    public const int MaxLines = 100;
    public const int MaxQuantity = 10_000;
    public const int MaxTextLength = 200;

    public static Result<ValidReserveRequest> Validate(ReserveStockRequest? request, TimeSpan maxHold)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("request", "Required.");
            return errors.ToError();
        }

        Text(request.Owner, "owner", errors);
        Text(request.RequestKey, "requestKey", errors);
        if (request.Hold <= TimeSpan.Zero || request.Hold > maxHold)
        {
            errors.Add("hold", $"Longer than zero and at most {maxHold}.");
        }

        var destination = Destination(request.Destination, errors);
        if (request.Lines is not { Count: > 0 and <= MaxLines })
        {
            errors.Add("lines", $"1 to {MaxLines} lines.");
        }
        else
        {
            for (var i = 0; i < request.Lines.Count; i++)
            {
                var line = request.Lines[i];
                if (line is null || string.IsNullOrWhiteSpace(line.SkuId) || line.SkuId.Length > MaxTextLength)
                {
                    errors.Add($"lines[{i}].skuId", "Required, at most 200 characters.");
                }

                if (line is null || line.Quantity < 1 || line.Quantity > MaxQuantity)
                {
                    errors.Add($"lines[{i}].quantity", $"A whole number from 1 to {MaxQuantity}.");
                }
            }
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        // The same SKU twice is one line: quantities add up, and must still be within the limit.
        var lines = request.Lines!
            .GroupBy(l => l.SkuId, StringComparer.Ordinal)
            .Select(g => new ReserveStockLine(g.Key, g.Sum(l => l.Quantity)))
            .OrderBy(l => l.SkuId, StringComparer.Ordinal)
            .ToList();
        if (lines.Any(l => l.Quantity > MaxQuantity))
        {
            errors.Add("lines", $"At most {MaxQuantity} units of one SKU.");
            return errors.ToError();
        }

        return new ValidReserveRequest(request.Owner, request.RequestKey, lines, destination!, request.Hold);
    }

    private static StockDestination? Destination(StockDestination? destination, ValidationErrors errors)
    {
        var country = destination?.Country?.Trim().ToUpperInvariant();
        if (country is null || !WarehouseRequest.CountryCode().IsMatch(country))
        {
            errors.Add("destination.country", "An ISO 3166-1 alpha-2 country code.");
        }

        var (latitude, longitude) = (destination?.Latitude, destination?.Longitude);
        if (latitude.HasValue != longitude.HasValue
            || latitude is { } lat && (!double.IsFinite(lat) || lat < -90 || lat > 90)
            || longitude is { } lon && (!double.IsFinite(lon) || lon < -180 || lon > 180))
        {
            errors.Add("destination", "Latitude (-90 to 90) and longitude (-180 to 180) together, or neither.");
        }

        return destination is null || country is null ? null : destination with { Country = country };
    }

    private static void Text(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxTextLength)
        {
            errors.Add(field, $"Required, at most {MaxTextLength} characters.");
        }
    }
}
