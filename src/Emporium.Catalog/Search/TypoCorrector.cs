using System.Data.Common;

namespace Emporium.Catalog.Search;

/// <summary>
/// Turns the typed words into a <see cref="TextQuery"/>: a word the vocabulary knows stays as it is;
/// an unknown word also matches the (at most three most common) vocabulary words one edit away.
/// The typed words are looked up first; only when one is unknown are its variants looked up, so a
/// correctly spelled query costs one small lookup.
/// </summary>
internal sealed class TypoCorrector(SearchVocabulary vocabulary)
{
    private const int MaxAlternatives = 3;

    public async Task<TextQuery> CorrectAsync(DbConnection connection, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var distinct = words.Distinct(StringComparer.Ordinal).ToArray();
        var known = await vocabulary.KnownAsync(connection, distinct, cancellationToken);
        var unknown = distinct.Where(w => !known.ContainsKey(w)).ToDictionary(w => w, TypoVariants.Of, StringComparer.Ordinal);
        var variantCounts = unknown.Count == 0
            ? known
            : await vocabulary.KnownAsync(connection, unknown.Values.SelectMany(v => v).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);

        var groups = words.Select(word =>
        {
            if (!unknown.TryGetValue(word, out var variants))
            {
                return (IReadOnlyList<string>)[word];
            }

            var alternatives = variants
                .Where(variantCounts.ContainsKey)
                .OrderByDescending(v => variantCounts[v]).ThenBy(v => v, StringComparer.Ordinal)
                .Take(MaxAlternatives);
            return [word, .. alternatives];
        }).ToList();
        return new TextQuery(groups);
    }
}
