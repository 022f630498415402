using Emporium.Catalog;
using Emporium.Catalog.Writing;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Infrastructure;

/// <summary>A product as a test wrote it, for brute-force expectations.</summary>
public sealed record TestProduct(long Id, string Title, string BrandSlug, long CategoryId, long Price, double Rating, bool InStock, DateTimeOffset CreatedAt);

/// <summary>
/// Writes test-owned catalog data through the catalog's own writer (the same path seeding uses), in
/// one transaction, then tells the catalog it changed. Names carry a unique suffix so that tests
/// sharing a database never see each other's brands, categories or words.
/// </summary>
internal sealed class TestCatalog
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly CatalogWriter _writer;
    private readonly string _suffix = UniqueWord(6);

    private TestCatalog(CatalogWriter writer) => _writer = writer;

    public List<TestProduct> Products { get; } = [];

    public string SellerId => "seller-" + _suffix;

    /// <summary>A word of random letters that no other test and no generated product uses.</summary>
    public static string UniqueWord(int length = 10) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)('a' + Random.Shared.Next(26))));

    public static async Task<TestCatalog> WriteAsync(EmporiumApp app, Func<TestCatalog, Task> build)
    {
        await using var connection = await app.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var catalog = new TestCatalog(await CatalogWriter.OpenAsync(connection, transaction, CancellationToken.None));
        await catalog._writer.InsertSellerAsync(catalog.SellerId, "Test seller " + catalog._suffix, CancellationToken.None);
        await build(catalog);
        await catalog._writer.FlushVocabularyAsync(CancellationToken.None);
        await transaction.CommitAsync();
        await app.Services.GetRequiredService<CatalogChanges>().CommittedAsync(CancellationToken.None);
        return catalog;
    }

    public string Slug(string name) => $"{name.ToLowerInvariant().Replace(' ', '-')}-{_suffix}";

    public async Task<(long Id, string Slug)> BrandAsync(string name)
    {
        var slug = Slug(name);
        return (await _writer.InsertBrandAsync(slug, $"{name} {_suffix}", CancellationToken.None), slug);
    }

    public async Task<(long Id, string Slug)> CategoryAsync(string name, long? parentId = null)
    {
        var slug = Slug(name);
        return (await _writer.InsertCategoryAsync(slug, $"{name} {_suffix}", parentId, CancellationToken.None), slug);
    }

    public async Task<TestProduct> ProductAsync(
        string title,
        (long Id, string Slug) brand,
        long categoryId,
        long price = 1_999,
        double rating = 4.0,
        int ratingCount = 10,
        bool inStock = true,
        string description = "A plain product.",
        string status = "active",
        IReadOnlyList<NewSku>? skus = null)
    {
        var created = Start.AddMinutes(Products.Count);
        skus ??= [new NewSku($"T-{_suffix}-{Products.Count + 1}", new Dictionary<string, string>(), price, "USD", "active", inStock)];
        var id = await _writer.InsertProductAsync(
            new NewProduct(title, description, brand.Id, categoryId, SellerId, new Dictionary<string, string>(), [], status, created,
                ratingCount == 0 ? 0 : rating, ratingCount, skus),
            CancellationToken.None);
        var product = new TestProduct(id, title, brand.Slug, categoryId, skus.Min(s => s.PriceAmount), ratingCount == 0 ? 0 : rating, inStock, created);
        Products.Add(product);
        return product;
    }

}
