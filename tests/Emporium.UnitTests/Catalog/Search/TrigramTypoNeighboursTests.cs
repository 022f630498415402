using Emporium.Catalog.Search;

namespace Emporium.UnitTests.Catalog.Search;

/// <summary>
/// The trigram path may only narrow the vocabulary if it can never miss a one-edit neighbour: every
/// variant of a word must be at least as similar (pg_trgm's measure) as the bound the threshold comes from.
/// </summary>
public sealed class TrigramTypoNeighboursTests
{
    [Theory]
    [InlineData("laptop")]
    [InlineData("lamps")]
    [InlineData("aaaaa")]      // repeated trigrams: fewer distinct ones
    [InlineData("abababab")]
    [InlineData("iphone15")]
    [InlineData("qwertyuiopasdfghjklzxcvbnm")]
    public void Every_one_edit_variant_is_at_least_as_similar_as_the_bound(string word)
    {
        var bound = TrigramTypoNeighbours.SimilarityBound(TrigramTypoNeighbours.DistinctTrigrams(word));

        foreach (var variant in TypoVariants.Of(word))
        {
            Similarity(word, variant).ShouldBeGreaterThanOrEqualTo(bound, $"'{variant}' of '{word}'");
        }
    }

    [Fact]
    public void The_bound_is_tight_for_a_transposition_in_the_middle()
    {
        // "abcdefgh" → "abcedfgh" changes four of nine trigrams: 5 common, 13 in all.
        Similarity("abcdefgh", "abcedfgh").ShouldBe(TrigramTypoNeighbours.SimilarityBound(9), 1e-9);
    }

    [Theory]
    [InlineData("lamp", false)]        // five trigrams: the bound (1/9) narrows nothing
    [InlineData("notebook", false)]    // nine trigrams: the key lookup is still quicker
    [InlineData("notebooks", true)]    // ten
    [InlineData("aaaaaaaaaaaa", false)] // twelve letters but only four distinct trigrams
    [InlineData("smartwatch5", true)]
    [InlineData("cafetières", false)]  // pg_trgm may treat a non-ASCII letter differently
    [InlineData("ab", false)]
    public void Words_under_ten_trigrams_or_with_non_ascii_letters_take_the_variant_lookup(string word, bool usesIndex) =>
        TrigramTypoNeighbours.UsesIndex(word).ShouldBe(usesIndex);

    [Theory]
    [InlineData("word", 5)]   // "  w", " wo", "wor", "ord", "rd "
    [InlineData("aaaa", 4)]   // "  a", " aa", "aaa", "aa "
    public void Distinct_trigrams_are_counted_like_pg_trgm(string word, int expected) =>
        TrigramTypoNeighbours.DistinctTrigrams(word).ShouldBe(expected);

    /// <summary>pg_trgm's similarity: shared distinct trigrams over all distinct trigrams of both words.</summary>
    private static double Similarity(string a, string b)
    {
        var x = Trigrams(a);
        var y = Trigrams(b);
        var common = x.Count(y.Contains);
        return common / (double)(x.Count + y.Count - common);
    }

    private static HashSet<string> Trigrams(string word)
    {
        var padded = "  " + word + " ";
        return Enumerable.Range(0, padded.Length - 2).Select(i => padded.Substring(i, 3)).ToHashSet(StringComparer.Ordinal);
    }
}
