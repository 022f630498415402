using System.Text.RegularExpressions;
using Emporium.BuildingBlocks.Results;

namespace Emporium.Inventory.Warehouses;

/// <summary>The body of <c>POST /api/admin/warehouses</c>.</summary>
internal sealed partial record WarehouseRequest(string? Name, double? Latitude, double? Longitude, List<string>? ShipsTo)
{
    public const int MaxCountries = 250;

    /// <summary>Checks everything before anything is written; country codes are upper-cased and deduplicated.</summary>
    public static Result<NewWarehouse> Validate(WarehouseRequest? request)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("body", "A JSON object with name, latitude, longitude and shipsTo.");
            return errors.ToError();
        }

        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            errors.Add("name", "1 to 100 characters.");
        }

        if (request.Latitude is not { } latitude || !double.IsFinite(latitude) || latitude < -90 || latitude > 90)
        {
            errors.Add("latitude", "Degrees from -90 to 90.");
        }

        if (request.Longitude is not { } longitude || !double.IsFinite(longitude) || longitude < -180 || longitude > 180)
        {
            errors.Add("longitude", "Degrees from -180 to 180.");
        }

        var countries = request.ShipsTo?.Select(c => c?.Trim().ToUpperInvariant()).ToList();
        if (countries is not { Count: > 0 and <= MaxCountries } || countries.Any(c => c is null || !CountryCode().IsMatch(c)))
        {
            errors.Add("shipsTo", $"1 to {MaxCountries} ISO 3166-1 alpha-2 country codes, e.g. [\"US\", \"GB\"].");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        return new NewWarehouse(name!, request.Latitude!.Value, request.Longitude!.Value, countries!.Select(c => c!).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Two letters A–Z: the shape of an ISO 3166-1 alpha-2 code (whether it is assigned is not checked).</summary>
    [GeneratedRegex("^[A-Z]{2}$")]
    internal static partial Regex CountryCode();
}
