using System.Data.Common;
using System.Text;
using Dapper;

namespace Emporium.Catalog.Search;

/// <summary>
/// PostgreSQL adapter: a weighted tsvector (title A, brand B, categories C, description D) behind a
/// GIN index, ranked with ts_rank. Words go in as parameters of plainto_tsquery, never as SQL text.
/// </summary>
internal sealed class PostgresFullTextIndex : IFullTextIndex
{
    public Task<List<Candidate>> MatchAsync(DbConnection connection, TextQuery? text, EngineFilter filter, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return CandidateReader.ReadAllAsync(connection, CandidateSql.Browse(filter), _ => { }, cancellationToken);
        }

        var words = new List<string>();
        var query = TsQuery(text, words);
        var sql = $"""
            SELECT {CandidateSql.Columns}, {(filter.Ranked ? "ts_rank(p.search_vector, q.query)::float8" : "0")}
            FROM catalog_products p JOIN catalog_search_facts f ON f.id = p.id, (SELECT {query} AS query) q
            WHERE p.search_vector @@ q.query AND {CandidateSql.Where(filter)}
            """;
        return CandidateReader.ReadAllAsync(
            connection,
            sql,
            command =>
            {
                for (var i = 0; i < words.Count; i++)
                {
                    command.AddParameter($"@w{i}", words[i]);
                }
            },
            cancellationToken);
    }

    public async Task<List<(long Id, string Title)>> TitlesWithPrefixAsync(DbConnection connection, IReadOnlyList<string> words, int limit, CancellationToken cancellationToken)
    {
        // 'red':A & 'lap':*A — weight A is the title. Words are letters and digits only (SearchText.Words).
        var query = string.Join(" & ", words.Select((w, i) => i == words.Count - 1 ? $"{w}:*A" : $"{w}:A"));
        const string Sql = """
            SELECT p.id AS Id, p.title AS Title
            FROM catalog_products p, to_tsquery('english', @query) q
            WHERE p.search_vector @@ q AND p.status = 'active'
            ORDER BY ts_rank(p.search_vector, q) DESC, p.rating_count DESC
            LIMIT @limit
            """;
        return (await connection.QueryAsync<(long, string)>(new CommandDefinition(Sql, new { query, limit }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>(plainto_tsquery(@w0) || plainto_tsquery(@w1)) &amp;&amp; plainto_tsquery(@w2)…: groups AND-ed, alternatives OR-ed.</summary>
    private static string TsQuery(TextQuery text, List<string> words)
    {
        var sql = new StringBuilder();
        foreach (var group in text.Groups)
        {
            sql.Append(sql.Length > 0 ? " && (" : "(");
            for (var a = 0; a < group.Count; a++)
            {
                sql.Append(a > 0 ? " || " : string.Empty).Append("plainto_tsquery('english', @w").Append(words.Count).Append(')');
                words.Add(group[a]);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }
}
