using Emporium.Catalog.Search;

namespace Emporium.UnitTests.Catalog.Search;

public sealed class SqliteFullTextIndexTests
{
    [Fact]
    public void Groups_are_anded_and_their_alternatives_ored_each_word_quoted()
    {
        var text = new TextQuery([["lapto", "laptop", "lapton"], ["red"]]);

        SqliteFullTextIndex.MatchExpression(text).ShouldBe("(\"lapto\" OR \"laptop\" OR \"lapton\") AND (\"red\")");
    }

    [Fact]
    public void A_single_word_is_one_quoted_group() =>
        SqliteFullTextIndex.MatchExpression(new TextQuery([["shoe"]])).ShouldBe("(\"shoe\")");

    [Fact]
    public void Words_that_are_fts5_operators_are_quoted_as_plain_words() =>
        SqliteFullTextIndex.MatchExpression(new TextQuery([["not"], ["and", "or"], ["near"]]))
            .ShouldBe("(\"not\") AND (\"and\" OR \"or\") AND (\"near\")");

    [Fact]
    public void Groups_keep_the_order_the_words_were_typed_in() =>
        SqliteFullTextIndex.MatchExpression(new TextQuery([["red"], ["wool"], ["jumper"]]))
            .ShouldBe("(\"red\") AND (\"wool\") AND (\"jumper\")");
}
