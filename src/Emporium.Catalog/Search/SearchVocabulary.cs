using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Catalog.Search;

/// <summary>
/// The indexed words as they were written (not stemmed), with document counts: typo correction
/// looks words up here, and autocomplete completes a fragment to whole words here — a stemmer would
/// rewrite a fragment ("kiy" → "kii") into something no indexed word starts with.
/// </summary>
internal sealed class SearchVocabulary(Database database)
{
    private const int LookupChunk = 5_000;

    /// <summary>The given words that some active document contains, with their document counts.</summary>
    public async Task<Dictionary<string, long>> KnownAsync(DbConnection connection, string[] words, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, long>(StringComparer.Ordinal);

        // The longest allowed query (200 characters of misspelled words) makes ~14,000 variants; SQLite
        // binds at most 32,766 parameters per statement, so lookups go in chunks whatever the limits become.
        foreach (var chunk in words.Chunk(LookupChunk))
        {
            var rows = await connection.QueryAsync<TermRow>(new CommandDefinition(
                $"SELECT term AS Term, doc_count AS Count FROM catalog_search_terms WHERE doc_count > 0 AND {database.InList("term", "Terms")}",
                new { Terms = chunk },
                cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                known[row.Term] = row.Count;
            }
        }

        return known;
    }

    /// <summary>The most common words starting with <paramref name="prefix"/>, most common first.</summary>
    public async Task<List<string>> CompletionsAsync(DbConnection connection, string prefix, int limit, CancellationToken cancellationToken)
    {
        // A range on the primary key: every word w with prefix <= w < prefix-with-its-last-character-bumped.
        // Byte order on both engines ("C" collation on PostgreSQL), as the words are lower-case letters and digits.
        var upper = prefix[..^1] + (char)(prefix[^1] + 1);
        var collate = database.IsPostgres ? " COLLATE \"C\"" : string.Empty;
        var sql = $"""
            SELECT term FROM catalog_search_terms
            WHERE term{collate} >= @prefix AND term{collate} < @upper AND doc_count > 0
            ORDER BY doc_count DESC, term
            LIMIT @limit
            """;
        return (await connection.QueryAsync<string>(new CommandDefinition(sql, new { prefix, upper, limit }, cancellationToken: cancellationToken))).AsList();
    }

    private sealed class TermRow
    {
        public string Term { get; init; } = string.Empty;

        public long Count { get; init; }
    }
}
