using Emporium.Catalog.Search;

namespace Emporium.UnitTests.Catalog.Search;

public sealed class SearchTextTests
{
    [Fact]
    public void Words_are_lower_cased() =>
        SearchText.Words("Red LAPTOP").ShouldBe(["red", "laptop"]);

    [Theory]
    [InlineData("Café", "cafe")]
    [InlineData("naïve", "naive")]
    [InlineData("Crème Brûlée", "creme brulee")]
    [InlineData("ÅNGSTRÖM", "angstrom")]
    public void Diacritics_are_folded(string text, string expected) =>
        SearchText.Words(text).ShouldBe(expected.Split(' '));

    [Theory]
    [InlineData("T-Shirt", "t shirt")]
    [InlineData("usb-c, 65W!", "usb c 65w")]
    [InlineData("rock'n'roll", "rock n roll")]
    [InlineData("a/b.c_d", "a b c d")]
    public void Punctuation_and_hyphens_split_words(string text, string expected) =>
        SearchText.Words(text).ShouldBe(expected.Split(' '));

    [Fact]
    public void Digits_are_kept_inside_and_as_words() =>
        SearchText.Words("iPhone15 Pro 256 GB").ShouldBe(["iphone15", "pro", "256", "gb"]);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--- !!! ...")]
    public void Text_without_letters_or_digits_has_no_words(string text) =>
        SearchText.Words(text).ShouldBeEmpty();

    [Fact]
    public void A_word_longer_than_the_maximum_is_dropped_and_its_neighbours_kept()
    {
        var overlong = new string('x', SearchText.MaxWordLength + 1);

        SearchText.Words($"red {overlong} shoe").ShouldBe(["red", "shoe"]);
    }

    [Fact]
    public void A_word_of_exactly_the_maximum_length_is_kept()
    {
        var longest = new string('x', SearchText.MaxWordLength);

        SearchText.Words(longest).ShouldBe([longest]);
    }

    [Fact]
    public void Repeated_spaces_do_not_make_empty_words() =>
        SearchText.Words("  red    shoe  ").ShouldBe(["red", "shoe"]);
}
