using Dapper;
using Emporium.Catalog.Search;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Catalog;

/// <summary>
/// PostgreSQL's trigram lookup must find exactly what the variant lookup finds (ADR 0012). A dense
/// vocabulary (six letters, so most words have many neighbours) in a temporary table that shadows the
/// real one on this connection only; misspellings of every kind, one and two edits away.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TrigramTypoNeighbourTests(PostgresAppFixture fixture)
{
    private const string Letters = "abcdef";

    [Fact]
    public async Task The_trigram_index_finds_exactly_the_one_edit_neighbours_the_variant_lookup_finds()
    {
        var random = new Random(12);
        var words = Enumerable.Range(0, 5_000).Select(_ => Word(random, random.Next(3, 15))).Distinct().ToArray();
        var typed = words.Take(600).Select(w => Misspell(random, random.Next(3) == 0 ? Misspell(random, w) : w)).Distinct().ToArray();
        var variants = new VariantTypoNeighbours(new SearchVocabulary(fixture.App.Database));
        var trigrams = new TrigramTypoNeighbours(variants);

        await using var connection = await fixture.App.Database.OpenAsync();
        await connection.ExecuteAsync("""
            CREATE TEMP TABLE catalog_search_terms (term text PRIMARY KEY, doc_count integer NOT NULL);
            CREATE INDEX ON catalog_search_terms USING gin (term gin_trgm_ops);
            INSERT INTO catalog_search_terms SELECT unnest(@words), unnest(@counts);
            """, new { words, counts = words.Select(_ => random.Next(0, 50)).ToArray() });
        try
        {
            var expected = await variants.FindAsync(connection, typed, CancellationToken.None);
            var together = await trigrams.FindAsync(connection, typed, CancellationToken.None);
            var longOnes = typed.Where(w => w.Length >= 8).Take(40).ToArray();
            var alone = new Dictionary<string, Dictionary<string, long>>();
            foreach (var word in longOnes)
            {
                // Alone, a long word gets its own, higher threshold.
                alone[word] = (await trigrams.FindAsync(connection, [word], CancellationToken.None))[word];
            }

            typed.Count(TrigramTypoNeighbours.UsesIndex).ShouldBeGreaterThan(200);
            expected.Values.Sum(n => n.Count).ShouldBeGreaterThan(1_000);
            together.Keys.ShouldBe(expected.Keys, ignoreOrder: true);
            foreach (var word in typed)
            {
                together[word].ShouldBe(expected[word], ignoreOrder: true, $"neighbours of '{word}'");
            }

            foreach (var word in longOnes)
            {
                alone[word].ShouldBe(expected[word], ignoreOrder: true, $"neighbours of '{word}' alone");
            }
        }
        finally
        {
            await connection.ExecuteAsync("DROP TABLE pg_temp.catalog_search_terms");
        }
    }

    private static string Word(Random random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => Letters[random.Next(Letters.Length)]));

    private static string Misspell(Random random, string word)
    {
        var at = random.Next(word.Length - 1);
        var letter = Letters[random.Next(Letters.Length)];
        return random.Next(4) switch
        {
            0 => word.Remove(at, 1),
            1 => word.Insert(random.Next(word.Length + 1), letter.ToString()),
            2 => string.Concat(word[..at], letter, word[(at + 1)..]),
            _ => string.Concat(word[..at], word[at + 1], word[at], word[(at + 2)..]),
        };
    }
}
