using System.Data.Common;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Emporium.Bench.Results;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Catalog.Categories;
using Emporium.Catalog.Search;
using Spectre.Console;

namespace Emporium.Bench.Search;

/// <summary>
/// <c>profile</c>: runs the app's own search components in-process, step by step, on the same
/// queries and file, to show where the endpoint's time goes. The steps mirror ProductSearch.SearchAsync
/// and CachedJson; the last column runs SearchAsync whole, so the steps can be checked against it.
/// </summary>
internal static class SearchProfile
{
    /// <summary>The pipeline's steps, then SearchAsync whole (a check on their sum).</summary>
    private static readonly string[] Steps =
    [
        "open connection", "typo lookup", "candidate read (SQL)", "facets + filters (C#)", "top of page (C#)", "page load (SQL)", "JSON + ETag",
        "SearchAsync whole",
    ];

    private const int PipelineSteps = 7;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static async Task<int> RunAsync(Args args, CancellationToken cancellationToken)
    {
        var file = Path.GetFullPath(args.Required("db"));
        if (Path.GetFileName(file) != "emporium.db" || !File.Exists(file))
        {
            throw new UsageException("--db must name an existing emporium.db (the app derives the file name from its data directory).");
        }

        var repeat = args.Integer("repeat", 5);
        var output = args.Text("out", "bench-results/b5-profile.json");
        await using var database = new Database(new EmporiumOptions { DataDirectory = Path.GetDirectoryName(file)!, DemoData = false });
        var referenceData = new CatalogReferenceData(database, TimeProvider.System);
        var vocabulary = new SearchVocabulary(database);
        var corrector = new TypoCorrector(vocabulary, new VariantTypoNeighbours(vocabulary));
        var index = new SqliteFullTextIndex(database);
        var search = new ProductSearch(database, index, corrector, vocabulary, referenceData);

        var rows = new List<ProfileQuery>();
        foreach (var query in SearchCases.All)
        {
            var samples = Steps.Select(_ => new List<double>()).ToArray();
            long candidates = 0, total = 0;
            for (var pass = 0; pass <= repeat; pass++)
            {
                var times = await OnceAsync(query, database, referenceData, corrector, index, search, cancellationToken);
                (candidates, total) = (times.Candidates, times.Total);
                if (pass > 0)
                {
                    // Pass 0 warms the JIT and the page cache.
                    for (var s = 0; s < Steps.Length; s++)
                    {
                        samples[s].Add(times.Steps[s]);
                    }
                }
            }

            rows.Add(new ProfileQuery(query.Label(), candidates, total, samples.Select(Stats.Median).ToList()));
            AnsiConsole.MarkupLine(Markup.Escape($"{query.Label(),-80} {candidates,8} candidates  {string.Join("  ", rows[^1].StepMedians.Select(m => m.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}"));
        }

        await ResultFile.WriteAsync(output, new ProfileRun(repeat, Steps, PipelineSteps, rows));
        AnsiConsole.MarkupLine($"Steps (ms): {Markup.Escape(string.Join(" | ", Steps))}. Results: {Markup.Escape(output)}");
        return 0;
    }

    private static async Task<(double[] Steps, long Candidates, long Total)> OnceAsync(
        SearchCase query, Database database, CatalogReferenceData referenceData, TypoCorrector corrector, SqliteFullTextIndex index, ProductSearch search, CancellationToken cancellationToken)
    {
        var times = new double[Steps.Length];
        var reference = await referenceData.GetAsync(cancellationToken);
        var category = query.Category is null ? null : reference.CategoryBySlug(query.Category);
        var brandIds = query.Brands?.Select(reference.BrandBySlug).OfType<Brand>().Select(b => b.Id).ToHashSet();
        var words = SearchText.Words(query.Words);

        var clock = Stopwatch.GetTimestamp();
        double Lap()
        {
            var now = Stopwatch.GetTimestamp();
            var ms = Stopwatch.GetElapsedTime(clock, now).TotalMilliseconds;
            clock = now;
            return ms;
        }

        List<Candidate> candidates, results;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            times[0] = Lap();
            var text = await corrector.CorrectAsync(connection, words, cancellationToken);
            times[1] = Lap();
            var filter = new EngineFilter(category?.Id, category is null ? null : reference.Subtree(category).Select(c => c.Id).ToArray(), query.InStock, Ranked: true);
            candidates = await index.MatchAsync(connection, text, filter, cancellationToken);
            times[2] = Lap();
            (results, _) = FacetCounter.Apply(candidates, new FacetFilter(brandIds, query.MinPrice, query.MaxPrice, query.MinRating), reference, category);
            times[3] = Lap();
            // ProductSearch's relevance order: score, then review count, then id.
            var top = TopResults.Take(results, SearchCases.PageSize, (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : b.RatingCount != a.RatingCount ? b.RatingCount.CompareTo(a.RatingCount) : a.Id.CompareTo(b.Id));
            times[4] = Lap();
            await LoadPageAsync(connection, top.Select(c => c.Id).ToList(), cancellationToken);
            times[5] = Lap();
        }

        var response = await search.SearchAsync(ToSearchQuery(query), cancellationToken);
        var whole = Lap();
        var body = JsonSerializer.SerializeToUtf8Bytes(response, Json);
        _ = SHA256.HashData(body);
        times[6] = Lap();
        times[7] = whole;

        return (times, candidates.Count, response.Total);
    }

    private static SearchQuery ToSearchQuery(SearchCase query) => new()
    {
        Words = SearchText.Words(query.Words),
        Category = query.Category,
        Brands = query.Brands ?? [],
        MinPrice = query.MinPrice,
        MaxPrice = query.MaxPrice,
        MinRating = query.MinRating,
        InStockOnly = query.InStock,
        Sort = SearchSort.Relevance,
        PageSize = SearchCases.PageSize,
    };

    /// <summary>The same columns ProductSearch.LoadSummariesAsync reads for the page.</summary>
    private static async Task LoadPageAsync(DbConnection connection, List<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, brand_id, category_id, currency, min_price, max_price, rating_average, rating_count, in_stock, images " +
                              $"FROM catalog_products WHERE id IN ({string.Join(',', ids)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
        }
    }
}
