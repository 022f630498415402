using System.Data.Common;

namespace Emporium.Catalog.Search;

/// <summary>
/// Generates every one-edit variant of each unknown word (<see cref="TypoVariants"/>) and looks them all
/// up in the vocabulary in one query. Used on SQLite, and on PostgreSQL for words too short for trigrams.
/// </summary>
internal sealed class VariantTypoNeighbours(SearchVocabulary vocabulary) : ITypoNeighbours
{
    public async Task<Dictionary<string, Dictionary<string, long>>> FindAsync(
        DbConnection connection, IReadOnlyCollection<string> unknownWords, CancellationToken cancellationToken)
    {
        var variants = unknownWords.Distinct(StringComparer.Ordinal).ToDictionary(w => w, TypoVariants.Of, StringComparer.Ordinal);
        var found = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        if (variants.Count == 0)
        {
            return found;
        }

        var counts = await vocabulary.KnownAsync(connection, variants.Values.SelectMany(v => v).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
        foreach (var (word, ofWord) in variants)
        {
            found[word] = ofWord.Where(counts.ContainsKey).ToDictionary(v => v, v => counts[v], StringComparer.Ordinal);
        }

        return found;
    }
}
