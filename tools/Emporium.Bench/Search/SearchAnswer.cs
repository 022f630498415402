namespace Emporium.Bench.Search;

/// <summary>
/// What a search answered, in a shape both sides produce, so the endpoint and the raw baseline can
/// be checked against each other: same total, same facet counts, same first page in the same order.
/// </summary>
internal sealed record SearchAnswer(
    long Total,
    IReadOnlyDictionary<string, long> Brand,
    IReadOnlyDictionary<string, long> Price,
    IReadOnlyDictionary<string, long> Rating,
    IReadOnlyList<long> PageIds)
{
    /// <summary>Null when both agree; otherwise what differs, for the failure message.</summary>
    public string? Difference(SearchAnswer other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Total != other.Total)
        {
            return $"total {Total} vs {other.Total}";
        }

        foreach (var (name, mine, theirs) in new[] { ("brand", Brand, other.Brand), ("price", Price, other.Price), ("rating", Rating, other.Rating) })
        {
            var keys = mine.Keys.Union(theirs.Keys).Order(StringComparer.Ordinal);
            foreach (var key in keys.Where(k => mine.GetValueOrDefault(k) != theirs.GetValueOrDefault(k)))
            {
                return $"{name} facet '{key}': {mine.GetValueOrDefault(key)} vs {theirs.GetValueOrDefault(key)}";
            }
        }

        return PageIds.SequenceEqual(other.PageIds)
            ? null
            : $"first page [{string.Join(',', PageIds.Take(5))}…] vs [{string.Join(',', other.PageIds.Take(5))}…]";
    }
}

/// <summary>The price facet's buckets, as src/Emporium.Catalog/Search/PriceBuckets.cs defines them (minor units).</summary>
internal static class PriceBucket
{
    public static readonly long[] Lower = [0, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000];

    /// <summary>The facet value the API uses for bucket <paramref name="index"/>: "min-max", open at the top.</summary>
    public static string Value(int index) =>
        index == Lower.Length - 1 ? $"{Lower[index]}-" : $"{Lower[index]}-{Lower[index + 1] - 1}";
}
