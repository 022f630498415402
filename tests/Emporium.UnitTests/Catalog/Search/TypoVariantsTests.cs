using Emporium.Catalog.Search;

namespace Emporium.UnitTests.Catalog.Search;

public sealed class TypoVariantsTests
{
    [Theory]
    [InlineData("laptop", "lapop")]
    [InlineData("laptop", "aptop")]
    [InlineData("laptop", "lapto")]
    public void A_word_with_one_missing_letter_is_among_the_variants(string word, string variant) =>
        TypoVariants.Of(word).ShouldContain(variant);

    [Theory]
    [InlineData("laptop", "laptopp")]
    [InlineData("laptop", "xlaptop")]
    [InlineData("laptop", "lap7top")]
    public void A_word_with_one_extra_letter_or_digit_is_among_the_variants(string word, string variant) =>
        TypoVariants.Of(word).ShouldContain(variant);

    [Theory]
    [InlineData("laptop", "leptop")]
    [InlineData("laptop", "laptoq")]
    [InlineData("iphone15", "iphone16")]
    public void A_word_with_one_wrong_letter_or_digit_is_among_the_variants(string word, string variant) =>
        TypoVariants.Of(word).ShouldContain(variant);

    [Theory]
    [InlineData("laptop", "alptop")]
    [InlineData("laptop", "latpop")]
    [InlineData("laptop", "laptpo")]
    public void A_word_with_two_neighbouring_letters_swapped_is_among_the_variants(string word, string variant) =>
        TypoVariants.Of(word).ShouldContain(variant);

    [Theory]
    [InlineData("laptop")]
    [InlineData("book")] // swapping "oo" gives the word back
    [InlineData("aaa")]
    public void The_word_itself_is_not_among_its_variants(string word) =>
        TypoVariants.Of(word).ShouldNotContain(word);

    [Fact]
    public void Two_edits_away_is_not_among_the_variants()
    {
        var variants = TypoVariants.Of("laptop");

        variants.ShouldNotContain("lptp");
        variants.ShouldNotContain("leptap");
        variants.ShouldNotContain("alptpo");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    public void A_word_shorter_than_the_minimum_length_has_no_variants(string word)
    {
        word.Length.ShouldBeLessThan(TypoVariants.MinimumLength);

        TypoVariants.Of(word).ShouldBeEmpty();
    }

    [Fact]
    public void A_word_of_exactly_the_minimum_length_has_variants() =>
        TypoVariants.Of("cat").ShouldContain("act");

    [Theory]
    [InlineData("cat")]
    [InlineData("book")]
    [InlineData("laptop")]
    [InlineData("headphones")]
    public void Every_variant_is_exactly_one_edit_away(string word)
    {
        foreach (var variant in TypoVariants.Of(word))
        {
            IsOneEditAway(word, variant).ShouldBeTrue($"{variant} is not one edit from {word}");
        }
    }

    [Theory]
    [InlineData("cat")]
    [InlineData("laptop")]
    [InlineData("headphones")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789abcd")]
    public void The_count_stays_within_one_lookup_query(string word)
    {
        // n deletions, n - 1 swaps, 35n substitutions and 36(n + 1) insertions over a-z and 0-9.
        // (The class comment's "54n + 25" is the figure for the 26 letters alone.)
        var n = word.Length;

        var count = TypoVariants.Of(word).Count;

        count.ShouldBeLessThanOrEqualTo((73 * n) + 35);
        count.ShouldBeGreaterThan(70 * n); // duplicates only come from repeated neighbours
    }

    [Fact]
    public void Variants_are_lower_case_letters_and_digits_only() =>
        TypoVariants.Of("shoe").ShouldAllBe(v => v.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)));

    /// <summary>Written plainly: one deletion, insertion, substitution or swap of neighbours.</summary>
    private static bool IsOneEditAway(string word, string other)
    {
        if (other.Length == word.Length - 1 || other.Length == word.Length + 1)
        {
            var (longer, shorter) = other.Length > word.Length ? (other, word) : (word, other);
            for (var i = 0; i < longer.Length; i++)
            {
                if (longer.Remove(i, 1) == shorter)
                {
                    return true;
                }
            }

            return false;
        }

        if (other.Length != word.Length || other == word)
        {
            return false;
        }

        var differences = Enumerable.Range(0, word.Length).Where(i => word[i] != other[i]).ToList();
        return differences.Count == 1
            || (differences.Count == 2 && differences[1] == differences[0] + 1
                && word[differences[0]] == other[differences[1]] && word[differences[1]] == other[differences[0]]);
    }
}
