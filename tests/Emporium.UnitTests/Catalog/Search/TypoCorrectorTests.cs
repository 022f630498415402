using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Catalog.Search;
using Microsoft.Data.Sqlite;

namespace Emporium.UnitTests.Catalog.Search;

/// <summary>Runs against an in-memory SQLite vocabulary (the <c>catalog_search_terms</c> table, as in the catalog schema).</summary>
public sealed class TypoCorrectorTests
{
    private static readonly Database Sqlite = new(new EmporiumOptions { DataDirectory = Path.GetTempPath(), DemoData = false });

    private static TypoCorrector Corrector()
    {
        var vocabulary = new SearchVocabulary(Sqlite);
        return new TypoCorrector(vocabulary, new VariantTypoNeighbours(vocabulary));
    }

    [Fact]
    public async Task A_known_word_is_kept_alone()
    {
        await using var connection = await VocabularyAsync(("laptop", 10), ("laptops", 4));

        var text = await Corrector().CorrectAsync(connection, ["laptop"], CancellationToken.None);

        text.Groups.ShouldHaveSingleItem().ShouldBe(["laptop"]);
    }

    [Fact]
    public async Task An_unknown_word_also_matches_the_three_most_common_words_one_edit_away()
    {
        await using var connection = await VocabularyAsync(("cat", 5), ("bat", 9), ("car", 5), ("cart", 2), ("hat", 1), ("dog", 50), ("caat", 0));

        var text = await Corrector().CorrectAsync(connection, ["cxt", "dog"], CancellationToken.None);

        text.Groups.Count.ShouldBe(2);
        text.Groups[0].ShouldBe(["cxt", "cat"]); // "bat", "car", "cart", "hat" are two edits from "cxt"
        text.Groups[1].ShouldBe(["dog"]);
    }

    [Fact]
    public async Task Alternatives_are_ordered_by_frequency_then_spelling_and_unused_terms_ignored()
    {
        await using var connection = await VocabularyAsync(("car", 5), ("bat", 9), ("cat", 5), ("cart", 2), ("cab", 0));

        var text = await Corrector().CorrectAsync(connection, ["cat"], CancellationToken.None);
        var typo = await Corrector().CorrectAsync(connection, ["caz"], CancellationToken.None);

        text.Groups.ShouldHaveSingleItem().ShouldBe(["cat"]);
        typo.Groups.ShouldHaveSingleItem().ShouldBe(["caz", "car", "cat"]); // not "cab": no product uses it
    }

    /// <summary>
    /// Fails: <c>words.ToDictionary(w => w, …)</c> throws on a repeated word, so a search such as
    /// "usb c to usb c cable" (SearchQuery keeps repeats) ends in a 500.
    /// </summary>
    [Fact]
    public async Task A_word_typed_twice_is_corrected_without_error()
    {
        await using var connection = await VocabularyAsync(("usb", 8), ("cable", 3));

        var text = await Corrector().CorrectAsync(connection, ["usb", "c", "to", "usb", "c", "cable"], CancellationToken.None);

        text.Groups.Select(g => g[0]).Distinct().ShouldBe(["usb", "c", "to", "cable"]);
    }

    private static async Task<DbConnection> VocabularyAsync(params (string Term, long Count)[] terms)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE catalog_search_terms (term TEXT NOT NULL PRIMARY KEY, doc_count INTEGER NOT NULL) WITHOUT ROWID");
        foreach (var (term, count) in terms)
        {
            await connection.ExecuteAsync("INSERT INTO catalog_search_terms (term, doc_count) VALUES (@term, @count)", new { term, count });
        }

        return connection;
    }
}
