using System.Globalization;
using Emporium.Inventory.Warehouses;

namespace Emporium.Web.Components.Pages.Admin.Warehouses;

/// <summary>A new warehouse as posted: numbers and countries as typed ("US, GB").</summary>
public sealed class WarehouseForm
{
    public string? Name { get; set; }

    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    public string? ShipsTo { get; set; }

    /// <summary>The module's request; text that is not a number goes through as missing, so the module reports it.</summary>
    internal WarehouseRequest ToRequest() => new(
        Name,
        Number(Latitude),
        Number(Longitude),
        ShipsTo?.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());

    private static double? Number(string? text) =>
        double.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
}
