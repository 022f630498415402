using System.Data.Common;
using System.Globalization;
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
        var query = TsQuery(text, words, "plainto_tsquery('english', @w{0})");
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

    public async Task<List<(long Id, string Title)>> TitlesMatchingAsync(DbConnection connection, TextQuery title, int limit, CancellationToken cancellationToken)
    {
        // Each word as 'word':A — weight A is the title. Words are letters and digits only (SearchText.Words).
        var words = new List<string>();
        var query = TsQuery(title, words, "to_tsquery('english', @w{0})");
        var sql = $"""
            SELECT p.id AS Id, p.title AS Title
            FROM catalog_products p, (SELECT {query} AS q) query
            WHERE p.search_vector @@ query.q AND p.status = 'active'
            ORDER BY ts_rank(p.search_vector, query.q) DESC, p.rating_count DESC
            LIMIT @limit
            """;
        var parameters = new DynamicParameters(new { limit });
        for (var i = 0; i < words.Count; i++)
        {
            parameters.Add($"w{i}", words[i] + ":A");
        }

        return (await connection.QueryAsync<(long, string)>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>(f(@w0) || f(@w1)) &amp;&amp; f(@w2)…: groups AND-ed, alternatives OR-ed; <paramref name="word"/> is f with {0} for the index.</summary>
    private static string TsQuery(TextQuery text, List<string> words, string word)
    {
        var sql = new StringBuilder();
        foreach (var group in text.Groups)
        {
            sql.Append(sql.Length > 0 ? " && (" : "(");
            for (var a = 0; a < group.Count; a++)
            {
                sql.Append(a > 0 ? " || " : string.Empty).Append(string.Format(CultureInfo.InvariantCulture, word, words.Count));
                words.Add(group[a]);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }
}
