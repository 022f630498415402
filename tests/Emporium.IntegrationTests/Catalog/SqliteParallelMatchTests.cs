using Emporium.Catalog.Search;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Catalog;

/// <summary>
/// On a large catalog the SQLite match runs as two rowid halves on two connections. Split or not,
/// it must return the same candidates with the same scores (bm25's statistics cover the whole index).
/// </summary>
public sealed class SqliteParallelMatchTests
{
    [Fact]
    public async Task The_split_match_returns_exactly_what_the_single_match_returns()
    {
        // A database of its own: ids 1…40, so the split point (the middle id) divides the matches.
        await using var database = TestDatabase.Sqlite();
        await using var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false" });
        var word = TestCatalog.UniqueWord();
        long categoryId = 0;
        await TestCatalog.WriteAsync(app, async c =>
        {
            var brand = await c.BrandAsync("Split");
            categoryId = (await c.CategoryAsync("Split")).Id;
            for (var i = 0; i < 40; i++)
            {
                // Varied text so scores differ: the word in the title, the description, or both.
                var title = i % 3 == 0 ? $"{word} item {i}" : $"Item {i}";
                await c.ProductAsync(title, brand, categoryId, description: i % 2 == 0 ? $"With {word} inside." : "Plain.");
            }
        });
        var text = new TextQuery([[word]]);
        var single = new SqliteFullTextIndex(app.Database) { ParallelFromProducts = long.MaxValue };
        var split = new SqliteFullTextIndex(app.Database) { ParallelFromProducts = 0 };

        foreach (var filter in new[]
                 {
                     new EngineFilter(null, null, InStockOnly: false, Ranked: true),
                     new EngineFilter(categoryId, [categoryId], InStockOnly: true, Ranked: true),
                 })
        {
            await using var connection = await app.Database.OpenAsync();
            var expected = (await single.MatchAsync(connection, text, filter, CancellationToken.None)).OrderBy(c => c.Id).ToList();
            var actual = (await split.MatchAsync(connection, text, filter, CancellationToken.None)).OrderBy(c => c.Id).ToList();

            expected.Count.ShouldBe(Enumerable.Range(0, 40).Count(i => i % 3 == 0 || i % 2 == 0), "products with the word in the title or description");
            actual.ShouldBe(expected);
            actual.ShouldContain(c => c.Id <= 20);
            actual.ShouldContain(c => c.Id > 20);
        }
    }
}
