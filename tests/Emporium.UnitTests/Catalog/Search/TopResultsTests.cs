using Emporium.Catalog.Search;

namespace Emporium.UnitTests.Catalog.Search;

public sealed class TopResultsTests
{
    private static readonly Comparison<Candidate> ByPriceThenId = (a, b) => a.Price != b.Price ? a.Price.CompareTo(b.Price) : a.Id.CompareTo(b.Id);

    private static List<Candidate> RandomCandidates(int count, int seed)
    {
        var random = new Random(seed);
        // Few distinct prices, so ties are common and the tie-break matters.
        return Enumerable.Range(1, count)
            .Select(id => new Candidate(id, random.NextDouble(), 1, 1, random.Next(50), 3.0, 1, id))
            .OrderBy(_ => random.Next())
            .ToList();
    }

    [Theory]
    [InlineData(1000, 24)]
    [InlineData(1000, 1)]
    [InlineData(1000, 240)]
    [InlineData(1000, 999)]
    [InlineData(10, 24)]
    [InlineData(0, 24)]
    public void The_top_equals_the_head_of_a_full_sort(int count, int take)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var expected = RandomCandidates(count, seed);
            expected.Sort(ByPriceThenId);

            var top = TopResults.Take(RandomCandidates(count, seed), take, ByPriceThenId);

            top.Select(c => c.Id).ShouldBe(expected.Take(take).Select(c => c.Id), $"seed {seed}");
        }
    }

    [Fact]
    public void Taking_none_gives_none() =>
        TopResults.Take(RandomCandidates(100, 1), 0, ByPriceThenId).ShouldBeEmpty();
}
