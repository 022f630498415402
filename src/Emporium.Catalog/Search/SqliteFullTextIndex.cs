using System.Data.Common;
using Dapper;

namespace Emporium.Catalog.Search;

/// <summary>
/// FTS5 adapter. The MATCH runs alone in a materialised CTE and the filters apply to its result:
/// letting the planner mix MATCH with other conditions can turn milliseconds into seconds.
/// </summary>
internal sealed class SqliteFullTextIndex : IFullTextIndex
{
    // bm25 column weights: title, brand, categories, description.
    private const string Rank = "bm25(catalog_product_search, 10.0, 6.0, 3.0, 1.0)";

    public Task<List<Candidate>> MatchAsync(DbConnection connection, TextQuery? text, EngineFilter filter, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return CandidateReader.ReadAllAsync(connection, CandidateSql.Browse(filter), _ => { }, cancellationToken);
        }

        var sql = $"""
            WITH m AS MATERIALIZED (
                SELECT rowid AS id, {Rank} AS rank FROM catalog_product_search WHERE catalog_product_search MATCH @match)
            SELECT {CandidateSql.Columns}, -m.rank
            FROM m JOIN catalog_products p ON p.id = m.id
            WHERE {CandidateSql.Where(filter)}
            """;
        return CandidateReader.ReadAllAsync(connection, sql, c => c.AddParameter("@match", MatchExpression(text)), cancellationToken);
    }

    public async Task<List<(long Id, string Title)>> TitlesWithPrefixAsync(DbConnection connection, IReadOnlyList<string> words, int limit, CancellationToken cancellationToken)
    {
        // {title} : ("red" AND "lap" *) — words are letters and digits only, so quoting is enough.
        var terms = words.Select((w, i) => i == words.Count - 1 ? $"\"{w}\" *" : $"\"{w}\"");
        var match = "{title} : (" + string.Join(" AND ", terms) + ")";
        const string Sql = """
            WITH m AS MATERIALIZED (
                SELECT rowid AS id, rank FROM catalog_product_search WHERE catalog_product_search MATCH @match)
            SELECT p.id AS Id, p.title AS Title FROM m JOIN catalog_products p ON p.id = m.id
            WHERE p.status = 'active'
            ORDER BY m.rank, p.rating_count DESC
            LIMIT @limit
            """;
        return (await connection.QueryAsync<(long, string)>(new CommandDefinition(Sql, new { match, limit }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>("lapto" OR "laptop") AND "red": groups AND-ed, alternatives OR-ed, each word a quoted FTS5 string.</summary>
    internal static string MatchExpression(TextQuery text) =>
        string.Join(" AND ", text.Groups.Select(g => "(" + string.Join(" OR ", g.Select(w => $"\"{w}\"")) + ")"));
}
