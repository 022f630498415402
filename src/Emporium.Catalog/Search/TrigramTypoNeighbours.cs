using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Emporium.Catalog.Search;

/// <summary>
/// PostgreSQL: finds an unknown word's one-edit neighbours through the pg_trgm GIN index on the
/// vocabulary (catalog V0002) instead of looking up each of its ~73n variants by key. The index
/// returns the words sharing enough trigrams; only those among <see cref="TypoVariants.Of"/> are
/// kept, so the result is exactly the variant lookup's (ADR 0012).
/// </summary>
/// <remarks>
/// pg_trgm pads a word ("  word ") and compares sets of three-character pieces. One edit removes at
/// most four of a word's trigrams and adds at most four (a transposition; a substitution three, an
/// insertion or deletion three and two), so a neighbour of a word with d distinct trigrams has a
/// similarity of at least (d − 4) / (d + 4). The threshold is set just below the lowest bound of the
/// words asked for, so the index cannot miss a neighbour. The lower the bound, the more words share
/// enough trigrams to be read and rechecked: below <see cref="MinimumTrigrams"/> (a four-letter word's
/// bound is 1/9) that costs more than looking up the variants by key, measured on a million-word
/// vocabulary. Such words, and words with characters outside a–z and 0–9 (which pg_trgm may split or
/// hash), take the variant lookup.
/// </remarks>
internal sealed class TrigramTypoNeighbours(VariantTypoNeighbours variants) : ITypoNeighbours
{
    /// <summary>
    /// Fewest distinct trigrams for the index path: ten (a nine-letter word) bound similarity at 3/7.
    /// From there on the index is at least as fast as the variant lookup; at six to eight it was up to
    /// nine times slower (ADR 0012).
    /// </summary>
    public const int MinimumTrigrams = 10;

    /// <summary>Kept off the bound, so float rounding in pg_trgm never puts a neighbour just under it.</summary>
    private const double Margin = 0.01;

    private const string Sql = """
        SELECT w.word AS Word, t.term AS Term, t.doc_count AS Count
        FROM unnest(@words) AS w(word)
        CROSS JOIN LATERAL (
            SELECT term, doc_count FROM catalog_search_terms
            WHERE term % w.word AND doc_count > 0 AND length(term) BETWEEN length(w.word) - 1 AND length(w.word) + 1) t
        """;

    public async Task<Dictionary<string, Dictionary<string, long>>> FindAsync(
        DbConnection connection, IReadOnlyCollection<string> unknownWords, CancellationToken cancellationToken)
    {
        var byIndex = unknownWords.Where(UsesIndex).Distinct(StringComparer.Ordinal).ToArray();
        var found = await variants.FindAsync(connection, unknownWords.Where(w => !UsesIndex(w)).ToArray(), cancellationToken);
        if (byIndex.Length == 0)
        {
            return found;
        }

        var threshold = byIndex.Min(w => SimilarityBound(DistinctTrigrams(w))) - Margin;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT set_config('pg_trgm.similarity_threshold', @threshold, true)",
            new { threshold = threshold.ToString("0.####", CultureInfo.InvariantCulture) },
            transaction,
            cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<NeighbourRow>(new CommandDefinition(Sql, new { words = byIndex }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        var oneEdit = byIndex.ToDictionary(w => w, TypoVariants.Of, StringComparer.Ordinal);
        foreach (var word in byIndex)
        {
            found[word] = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        foreach (var row in rows.Where(r => oneEdit[r.Word].Contains(r.Term)))
        {
            found[row.Word][row.Term] = row.Count;
        }

        return found;
    }

    /// <summary>True when the trigram index is sure to return every neighbour and narrows the search.</summary>
    internal static bool UsesIndex(string word) =>
        word.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) && DistinctTrigrams(word) >= MinimumTrigrams;

    /// <summary>The distinct trigrams pg_trgm makes of one lower-case word: two spaces before it, one after.</summary>
    internal static int DistinctTrigrams(string word)
    {
        var padded = "  " + word + " ";
        var trigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            trigrams.Add(padded.Substring(i, 3));
        }

        return trigrams.Count;
    }

    /// <summary>The lowest similarity any one-edit neighbour of a word with <paramref name="trigrams"/> distinct trigrams can have.</summary>
    internal static double SimilarityBound(int trigrams) => (trigrams - 4) / (double)(trigrams + 4);

    private sealed class NeighbourRow
    {
        public string Word { get; init; } = string.Empty;

        public string Term { get; init; } = string.Empty;

        public long Count { get; init; }
    }
}
