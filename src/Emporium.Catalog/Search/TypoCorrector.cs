using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Catalog.Search;

/// <summary>
/// Turns the typed words into a <see cref="TextQuery"/>: a word the vocabulary knows stays as it is;
/// an unknown word also matches the (at most three most common) vocabulary words one edit away.
/// One query looks up every word and every variant.
/// </summary>
internal sealed class TypoCorrector(Database database)
{
    private const int MaxAlternatives = 3;

    public async Task<TextQuery> CorrectAsync(DbConnection connection, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var variants = words.Distinct(StringComparer.Ordinal).ToDictionary(w => w, TypoVariants.Of, StringComparer.Ordinal);
        var lookup = words.Concat(variants.Values.SelectMany(v => v)).Distinct(StringComparer.Ordinal).ToArray();
        var known = (await connection.QueryAsync<TermRow>(new CommandDefinition(
                $"SELECT term AS Term, doc_count AS Count FROM catalog_search_terms WHERE doc_count > 0 AND {database.InList("term", "Terms")}",
                new { Terms = lookup },
                cancellationToken: cancellationToken)))
            .ToDictionary(t => t.Term, t => t.Count, StringComparer.Ordinal);

        var groups = words.Select(word =>
        {
            if (known.ContainsKey(word))
            {
                return (IReadOnlyList<string>)[word];
            }

            var alternatives = variants[word]
                .Where(known.ContainsKey)
                .OrderByDescending(v => known[v]).ThenBy(v => v, StringComparer.Ordinal)
                .Take(MaxAlternatives);
            return [word, .. alternatives];
        }).ToList();
        return new TextQuery(groups);
    }

    private sealed class TermRow
    {
        public string Term { get; init; } = string.Empty;

        public long Count { get; init; }
    }
}
