using System.Diagnostics;
using System.Globalization;
using Emporium.BuildingBlocks.Persistence;
using Microsoft.Data.Sqlite;

namespace Emporium.Bench.Search;

/// <summary>
/// The baseline: the same search done by the SQLite engine alone, on the same file, read-only. One
/// statement matches (FTS5 in a materialised CTE with the category token in the MATCH, joined to the
/// narrow facts table, as the app does), applies the filters, counts the four facets with GROUP BY
/// (each ignoring its own filter, as the app's disjunctive facets do) and picks the first page by
/// bm25; a second loads the page's rows by id, as the app does.
/// </summary>
internal sealed class RawBaseline : IDisposable
{
    private const string Rank = "bm25(catalog_product_search, 10.0, 6.0, 3.0, 1.0, 0.0)";
    private const string PageColumns = "id, title, brand_id, category_id, currency, min_price, max_price, rating_average, rating_count, in_stock, images";

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, long> _brandIds = new(StringComparer.Ordinal);
    private readonly Dictionary<long, string> _brandSlugs = [];
    private readonly Dictionary<string, long> _categoryIds = new(StringComparer.Ordinal);

    public RawBaseline(string databaseFile)
    {
        // Read-only and never pooled: the baseline cannot disturb the subject's file, and keeps one warm connection.
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        _connection.Open();
        using (var pragma = new SqliteCommand(Database.SqliteConnectionPragmas, _connection))
        {
            pragma.ExecuteNonQuery();
        }
        foreach (var (id, slug, _) in Rows("SELECT id, slug, '' FROM catalog_brands"))
        {
            _brandIds[slug] = id;
            _brandSlugs[id] = slug;
        }

        foreach (var (id, slug, _) in Rows("SELECT id, slug, '' FROM catalog_categories"))
        {
            _categoryIds[slug] = id;
        }
    }

    public string EngineVersion => _connection.ServerVersion;

    public long ProductCount() => (long)new SqliteCommand("SELECT COUNT(*) FROM catalog_products", _connection).ExecuteScalar()!;

    public (double Milliseconds, SearchAnswer Answer) Search(SearchCase query)
    {
        using var command = new SqliteCommand(Sql(query), _connection);
        command.Parameters.AddWithValue("@match", Match(query));
        command.Parameters.AddWithValue("@minPrice", query.MinPrice ?? 0);
        command.Parameters.AddWithValue("@maxPrice", query.MaxPrice ?? long.MaxValue);
        command.Parameters.AddWithValue("@minRating", query.MinRating ?? 0.0);

        var started = Stopwatch.GetTimestamp();
        var rows = new List<(long Facet, long Key, long Count)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
        }

        var pageIds = rows.Where(r => r.Facet == 4).Select(r => r.Key).ToList();
        LoadPage(pageIds);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return (elapsed, Answer(rows, pageIds));
    }

    /// <summary>The words in the text columns, and the category (with its subtree) as its token, as the app matches.</summary>
    private string Match(SearchCase query)
    {
        var match = "{title search_brand search_categories description} : (" + string.Join(" AND ", query.Terms.Select(w => $"(\"{w}\")")) + ")";
        if (query.Category is not null)
        {
            var id = _categoryIds.GetValueOrDefault(query.Category, -1);
            match += id < 0 ? throw new InvariantException($"Unknown category '{query.Category}'.") : $" AND {{search_category_tokens}} : \"c{id}\"";
        }

        return match;
    }

    private string Sql(SearchCase query)
    {
        var where = "p.active = 1";
        if (query.InStock)
        {
            where += " AND p.in_stock = 1";
        }

        var brandOk = query.Brands is null ? "1" : $"p.brand_id IN ({string.Join(',', query.Brands.Select(b => _brandIds.GetValueOrDefault(b, -1)))})";
        var bucket = "CASE " + string.Concat(PriceBucket.Lower.Skip(1).Select((lower, i) => $"WHEN min_price < {lower} THEN {i} ")) + $"ELSE {PriceBucket.Lower.Length - 1} END";
        return $"""
            WITH m AS MATERIALIZED (
                SELECT rowid AS id, {Rank} AS rank FROM catalog_product_search WHERE catalog_product_search MATCH @match),
            b AS MATERIALIZED (
                SELECT p.id, p.brand_id, p.category_id, p.min_price, p.rating_average, p.rating_count, m.rank,
                       {brandOk} AS bo, (p.min_price BETWEEN @minPrice AND @maxPrice) AS po, (p.rating_average >= @minRating) AS ro
                FROM m CROSS JOIN catalog_search_facts p ON p.id = m.id
                WHERE {where})
            SELECT 0, brand_id, COUNT(*) FROM b WHERE po AND ro GROUP BY 2
            UNION ALL SELECT 1, {bucket}, COUNT(*) FROM b WHERE bo AND ro GROUP BY 2
            UNION ALL SELECT 2, MIN(CAST(rating_average AS INTEGER), 4), COUNT(*) FROM b WHERE bo AND po GROUP BY 2
            UNION ALL SELECT 3, category_id, COUNT(*) FROM b WHERE bo AND po AND ro GROUP BY 2
            UNION ALL SELECT * FROM (SELECT 4, id, 0 FROM b WHERE bo AND po AND ro ORDER BY rank, rating_count DESC, id LIMIT {SearchCases.PageSize})
            """;
    }

    /// <summary>Reads every column of the page's rows, as the app does before it shapes the response.</summary>
    private void LoadPage(List<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        using var command = new SqliteCommand($"SELECT {PageColumns} FROM catalog_products WHERE id IN ({string.Join(',', ids)})", _connection);
        using var reader = command.ExecuteReader();
        var values = new object[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
        }
    }

    private SearchAnswer Answer(List<(long Facet, long Key, long Count)> rows, List<long> pageIds)
    {
        Dictionary<string, long> Facet(int facet, Func<long, string> key) =>
            rows.Where(r => r.Facet == facet).ToDictionary(r => key(r.Key), r => r.Count, StringComparer.Ordinal);

        // Rating thresholds are cumulative ("3 stars & up" counts 3.x and 4.x); rows are keyed by the whole stars, capped at 4.
        var stars = rows.Where(r => r.Facet == 2).ToDictionary(r => r.Key, r => r.Count);
        var rating = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var threshold = 4; threshold >= 1; threshold--)
        {
            var count = stars.Where(s => s.Key >= threshold).Sum(s => s.Value);
            if (count > 0)
            {
                rating[threshold.ToString(CultureInfo.InvariantCulture)] = count;
            }
        }

        return new SearchAnswer(
            rows.Where(r => r.Facet == 3).Sum(r => r.Count),
            Facet(0, id => _brandSlugs.GetValueOrDefault(id, "?")),
            Facet(1, index => PriceBucket.Value((int)index)),
            rating,
            pageIds);
    }

    private List<(long, string, string)> Rows(string sql)
    {
        using var command = new SqliteCommand(sql, _connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(long, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    public void Dispose() => _connection.Dispose();
}
