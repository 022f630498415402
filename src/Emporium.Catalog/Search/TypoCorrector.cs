using System.Data.Common;

namespace Emporium.Catalog.Search;

/// <summary>
/// Turns the typed words into a <see cref="TextQuery"/>: a word the vocabulary knows stays as it is;
/// an unknown word also matches the (at most three most common) vocabulary words one edit away.
/// The typed words are looked up first; only when one is unknown are its neighbours looked for
/// (<see cref="ITypoNeighbours"/>), so a correctly spelled query costs one small lookup.
/// </summary>
internal sealed class TypoCorrector(SearchVocabulary vocabulary, ITypoNeighbours neighbours)
{
    private const int MaxAlternatives = 3;

    public async Task<TextQuery> CorrectAsync(DbConnection connection, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var distinct = words.Distinct(StringComparer.Ordinal).ToArray();
        var known = await vocabulary.KnownAsync(connection, distinct, cancellationToken);
        var unknown = distinct.Where(w => !known.ContainsKey(w)).ToArray();
        var near = unknown.Length == 0
            ? new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal)
            : await neighbours.FindAsync(connection, unknown, cancellationToken);

        var groups = words.Select(word =>
        {
            if (!near.TryGetValue(word, out var found))
            {
                return (IReadOnlyList<string>)[word];
            }

            var alternatives = found
                .OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal)
                .Take(MaxAlternatives)
                .Select(f => f.Key);
            return [word, .. alternatives];
        }).ToList();
        return new TextQuery(groups);
    }
}
