using System.Globalization;

namespace Emporium.Inventory.Warehouses;

/// <summary>A place that holds stock, where it is, and the countries (ISO 3166-1 alpha-2) it ships to.</summary>
internal sealed record Warehouse(long Id, string Name, double Latitude, double Longitude, IReadOnlySet<string> ShipsTo)
{
    public string IdText => Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Warehouse ids are opaque strings to clients; today decimal renderings of the key.</summary>
    public static bool TryParseId(string? text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}

/// <summary>A warehouse as an admin describes it, already validated.</summary>
internal sealed record NewWarehouse(string Name, double Latitude, double Longitude, IReadOnlyList<string> ShipsTo);
