using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Catalog.Writing;

namespace Emporium.Catalog.Search;

/// <summary>
/// FTS5 adapter. The MATCH runs alone in a materialised CTE, the category filter is part of the
/// MATCH (category tokens), and the CROSS JOIN keeps SQLite from starting at the other side: letting
/// the planner mix MATCH with other conditions can turn milliseconds into seconds.
/// On a large catalog a ranked match runs as two halves of the rowid range on two connections:
/// bm25 over tens of thousands of matches is most of a broad query's time, and it splits cleanly
/// (its statistics come from the whole index, whatever the rowid range).
/// </summary>
internal sealed class SqliteFullTextIndex(Database database) : IFullTextIndex
{
    /// <summary>Below this many products one connection is quicker than two (settable for tests).</summary>
    internal long ParallelFromProducts { get; init; } = 100_000;

    // bm25 column weights: title, brand, categories, description, category tokens.
    private const string Rank = "bm25(catalog_product_search, 10.0, 6.0, 3.0, 1.0, 0.0)";

    // The columns shoppers' words are matched against: never the category tokens.
    private const string TextColumns = "{title search_brand search_categories description}";

    public Task<List<Candidate>> MatchAsync(DbConnection connection, TextQuery? text, EngineFilter filter, CancellationToken cancellationToken)
    {
        if (text is null)
        {
            return CandidateReader.ReadAllAsync(connection, CandidateSql.Browse(filter), _ => { }, cancellationToken);
        }

        var match = MatchExpression(text);
        if (filter.Category is { } category)
        {
            match += $" AND {{search_category_tokens}} : \"{CatalogWriter.CategoryToken(category)}\"";
        }

        return MatchRangesAsync(connection, match, filter, cancellationToken);
    }

    private async Task<List<Candidate>> MatchRangesAsync(DbConnection connection, string match, EngineFilter filter, CancellationToken cancellationToken)
    {
        var lastId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT max(id) FROM catalog_search_facts", cancellationToken: cancellationToken)) ?? 0;
        if (!filter.Ranked || lastId < ParallelFromProducts)
        {
            return await MatchRangeAsync(connection, match, filter, 0, lastId, cancellationToken);
        }

        // Microsoft.Data.Sqlite's async calls complete synchronously: the upper half needs its own thread.
        var middle = lastId / 2;
        var upper = Task.Run(
            async () =>
            {
                await using var second = await database.OpenAsync(cancellationToken);
                return await MatchRangeAsync(second, match, filter, middle + 1, lastId, cancellationToken);
            },
            cancellationToken);
        var lower = await MatchRangeAsync(connection, match, filter, 0, middle, cancellationToken);
        lower.AddRange(await upper);
        return lower;
    }

    private static Task<List<Candidate>> MatchRangeAsync(
        DbConnection connection, string match, EngineFilter filter, long firstId, long lastId, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH m AS MATERIALIZED (
                SELECT rowid AS id{(filter.Ranked ? $", {Rank} AS rank" : string.Empty)}
                FROM catalog_product_search WHERE catalog_product_search MATCH @match AND rowid BETWEEN @first AND @last)
            SELECT {CandidateSql.Columns}, {(filter.Ranked ? "-m.rank" : "0")}
            FROM m CROSS JOIN catalog_search_facts f ON f.id = m.id
            WHERE {CandidateSql.Where(filter, withCategory: false)}
            """;
        return CandidateReader.ReadAllAsync(
            connection,
            sql,
            command =>
            {
                command.AddParameter("@match", match);
                command.AddParameter("@first", firstId);
                command.AddParameter("@last", lastId);
            },
            cancellationToken);
    }

    public async Task<List<(long Id, string Title)>> TitlesMatchingAsync(DbConnection connection, TextQuery title, int limit, CancellationToken cancellationToken)
    {
        const string Sql = """
            WITH m AS MATERIALIZED (
                SELECT rowid AS id, rank FROM catalog_product_search WHERE catalog_product_search MATCH @match)
            SELECT p.id AS Id, p.title AS Title FROM m CROSS JOIN catalog_products p ON p.id = m.id
            WHERE p.status = 'active'
            ORDER BY m.rank, p.rating_count DESC
            LIMIT @limit
            """;
        var match = "{title} : " + Groups(title);
        return (await connection.QueryAsync<(long, string)>(new CommandDefinition(Sql, new { match, limit }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// {text columns} : (("lapto" OR "laptop") AND "red"): groups AND-ed, alternatives OR-ed, each word a
    /// quoted FTS5 string (words are letters and digits only, so quoting is enough).
    /// </summary>
    internal static string MatchExpression(TextQuery text) => TextColumns + " : " + Groups(text);

    private static string Groups(TextQuery text) =>
        "(" + string.Join(" AND ", text.Groups.Select(g => "(" + string.Join(" OR ", g.Select(w => $"\"{w}\"")) + ")")) + ")";
}
