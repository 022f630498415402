using System.Globalization;
using Emporium.Catalog.Search;

namespace Emporium.UnitTests.Catalog.Search;

public sealed class PriceBucketsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2_499, 0)]
    [InlineData(2_500, 1)]
    [InlineData(4_999, 1)]
    [InlineData(5_000, 2)]
    [InlineData(9_999, 2)]
    [InlineData(10_000, 3)]
    [InlineData(24_999, 3)]
    [InlineData(25_000, 4)]
    [InlineData(49_999, 4)]
    [InlineData(50_000, 5)]
    [InlineData(99_999, 5)]
    [InlineData(100_000, 6)]
    [InlineData(1_000_000_000, 6)]
    [InlineData(long.MaxValue, 6)]
    public void A_price_falls_in_the_bucket_whose_range_holds_it(long price, int bucket) =>
        PriceBuckets.IndexOf(price).ShouldBe(bucket);

    [Fact]
    public void There_are_seven_buckets() => PriceBuckets.Count.ShouldBe(7);

    [Theory]
    [InlineData(0, "0-2499", "Under 25")]
    [InlineData(1, "2500-4999", "25 to 50")]
    [InlineData(2, "5000-9999", "50 to 100")]
    [InlineData(3, "10000-24999", "100 to 250")]
    [InlineData(4, "25000-49999", "250 to 500")]
    [InlineData(5, "50000-99999", "500 to 1000")]
    [InlineData(6, "100000-", "1000 and above")]
    public void A_bucket_has_a_minor_unit_range_value_and_a_major_unit_label(int bucket, string value, string label)
    {
        PriceBuckets.Value(bucket).ShouldBe(value);
        PriceBuckets.Label(bucket).ShouldBe(label);
    }

    [Fact]
    public void Every_price_lies_within_the_range_of_its_bucket_and_no_other()
    {
        var random = new Random(20_240_601);
        var prices = new long[] { 0, 2_499, 2_500, 99_999, 100_000, long.MaxValue }
            .Concat(Enumerable.Range(0, 2_000).Select(_ => random.NextInt64(0, 300_000)));

        foreach (var price in prices)
        {
            var holding = Enumerable.Range(0, PriceBuckets.Count).Where(i => Holds(PriceBuckets.Value(i), price)).ToList();

            holding.ShouldBe([PriceBuckets.IndexOf(price)], $"price {price}");
        }
    }

    [Fact]
    public void Bucket_ranges_follow_one_another_without_gaps()
    {
        for (var i = 1; i < PriceBuckets.Count; i++)
        {
            var (_, previousMax) = Range(PriceBuckets.Value(i - 1));
            var (min, _) = Range(PriceBuckets.Value(i));

            min.ShouldBe(previousMax!.Value + 1);
        }
    }

    /// <summary>What a client does with a bucket value: minPrice=min, maxPrice=max (inclusive, absent when open).</summary>
    private static bool Holds(string value, long price)
    {
        var (min, max) = Range(value);
        return min <= price && (max is null || price <= max);
    }

    private static (long Min, long? Max) Range(string value)
    {
        var parts = value.Split('-');
        parts.Length.ShouldBe(2);
        var min = long.Parse(parts[0], CultureInfo.InvariantCulture);
        long? max = parts[1].Length == 0 ? null : long.Parse(parts[1], CultureInfo.InvariantCulture);
        return (min, max);
    }
}
