using Emporium.Catalog.Search;

namespace Emporium.UnitTests.Catalog.Search;

public sealed class SqliteFullTextIndexTests
{
    // Shoppers' words are matched in the text columns only, never in the category tokens.
    private const string TextColumns = "{title search_brand search_categories description} : ";

    [Fact]
    public void Groups_are_anded_and_their_alternatives_ored_each_word_quoted()
    {
        var text = new TextQuery([["lapto", "laptop", "lapton"], ["red"]]);

        SqliteFullTextIndex.MatchExpression(text).ShouldBe(TextColumns + "((\"lapto\" OR \"laptop\" OR \"lapton\") AND (\"red\"))");
    }

    [Fact]
    public void A_single_word_is_one_quoted_group() =>
        SqliteFullTextIndex.MatchExpression(new TextQuery([["shoe"]])).ShouldBe(TextColumns + "((\"shoe\"))");

    [Fact]
    public void Words_that_are_fts5_operators_are_quoted_as_plain_words() =>
        SqliteFullTextIndex.MatchExpression(new TextQuery([["not"], ["and", "or"], ["near"]]))
            .ShouldBe(TextColumns + "((\"not\") AND (\"and\" OR \"or\") AND (\"near\"))");

    [Fact]
    public void Groups_keep_the_order_the_words_were_typed_in() =>
        SqliteFullTextIndex.MatchExpression(new TextQuery([["red"], ["wool"], ["jumper"]]))
            .ShouldBe(TextColumns + "((\"red\") AND (\"wool\") AND (\"jumper\"))");
}
