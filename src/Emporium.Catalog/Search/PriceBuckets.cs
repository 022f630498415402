using System.Globalization;

namespace Emporium.Catalog.Search;

/// <summary>
/// Fixed price ranges for the price facet, in minor units. A bucket's value is
/// <c>min-max</c> (max inclusive, empty for the open top), ready to become <c>minPrice</c>/<c>maxPrice</c>.
/// </summary>
internal static class PriceBuckets
{
    private static readonly long[] Lower = [0, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000];

    public static int Count => Lower.Length;

    public static int IndexOf(long price)
    {
        var index = Array.BinarySearch(Lower, price);
        return index >= 0 ? index : ~index - 1;
    }

    public static string Value(int index) =>
        index == Lower.Length - 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Lower[index]}-")
            : string.Create(CultureInfo.InvariantCulture, $"{Lower[index]}-{Lower[index + 1] - 1}");

    public static string Label(int index)
    {
        var low = Major(Lower[index]);
        return index switch
        {
            0 => $"Under {Major(Lower[1])}",
            _ when index == Lower.Length - 1 => $"{low} and above",
            _ => $"{low} to {Major(Lower[index + 1])}",
        };
    }

    private static string Major(long minor) => (minor / 100).ToString(CultureInfo.InvariantCulture);
}
