using System.Globalization;
using Dapper;

namespace Emporium.Catalog.Writing;

/// <summary>The text of a product that search and the vocabulary index, as it was before a change.</summary>
internal sealed record IndexedText(string Title, string Description, string Brand, string Categories);

/// <summary>
/// Changes to existing products. Every change goes: load the indexed text, change the rows, then
/// <see cref="RefreshAsync"/> recomputes what is derived (price range, stock flag, search text,
/// the facts row, the vocabulary counts) in the same transaction, so search reflects it at commit.
/// </summary>
internal sealed partial class CatalogWriter
{
    public async Task<IndexedText?> IndexedTextAsync(long productId, CancellationToken cancellationToken) =>
        await _connection.QuerySingleOrDefaultAsync<IndexedText>(new CommandDefinition(
            """
            SELECT title AS Title, description AS Description, search_brand AS Brand, search_categories AS Categories
            FROM catalog_products WHERE id = @productId
            """,
            new { productId },
            _transaction,
            cancellationToken: cancellationToken));

    /// <summary>Recomputes everything derived from the product's row and SKUs, and the vocabulary against <paramref name="before"/>.</summary>
    public async Task RefreshAsync(long productId, IndexedText before, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        var product = await _connection.QuerySingleAsync<ProductFacts>(new CommandDefinition(
            """
            SELECT title AS Title, description AS Description, brand_id AS BrandId, category_id AS CategoryId, status AS Status,
                   rating_average AS RatingAverage, rating_count AS RatingCount
            FROM catalog_products WHERE id = @productId
            """,
            new { productId },
            _transaction,
            cancellationToken: cancellationToken));
        var skus = (await _connection.QueryAsync<SkuFacts>(new CommandDefinition(
            "SELECT price_amount AS PriceAmount, currency AS Currency, status AS Status, in_stock AS InStock FROM catalog_skus WHERE product_id = @productId",
            new { productId },
            _transaction,
            cancellationToken: cancellationToken))).ToList();

        var active = skus.Where(s => s.Status == "active").ToList();
        var priced = active.Count > 0 ? active : skus;
        var brand = _brandNames[product.BrandId];
        var categories = _categoryText[product.CategoryId];
        var derived = new
        {
            productId,
            brand,
            categories,
            tokens = _categoryTokens[product.CategoryId],
            minPrice = priced.Min(s => s.PriceAmount),
            maxPrice = priced.Max(s => s.PriceAmount),
            currency = priced[0].Currency,
            inStock = active.Any(s => s.InStock == 1) ? 1 : 0,
            active = product.Status == "active" ? 1 : 0,
            product.BrandId,
            product.CategoryId,
            product.RatingAverage,
            product.RatingCount,
            updated = now.ToUnixTimeMilliseconds(),
        };
        await _connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE catalog_products SET search_brand = @brand, search_categories = @categories, search_category_tokens = @tokens,
                min_price = @minPrice, max_price = @maxPrice, currency = @currency, in_stock = @inStock, updated_at = @updated
            WHERE id = @productId;
            UPDATE catalog_search_facts SET active = @active, in_stock = @inStock, brand_id = @BrandId, category_id = @CategoryId,
                min_price = @minPrice, rating_average = @RatingAverage, rating_count = @RatingCount
            WHERE id = @productId
            """,
            derived,
            _transaction,
            cancellationToken: cancellationToken));

        var old = DistinctWords(before.Title, before.Brand, before.Categories, before.Description);
        var current = DistinctWords(product.Title, brand, categories, product.Description);
        CountTerms(old.Except(current), -1);
        CountTerms(current.Except(old), +1);
        await FlushVocabularyAsync(cancellationToken);
    }

    /// <summary>Finds a brand by its slug, or adds it: sellers name their brand, they don't pick it from a list.</summary>
    public async Task<long> BrandIdAsync(string name, CancellationToken cancellationToken)
    {
        var slug = Slug(name);
        var existing = await _connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM catalog_brands WHERE slug = @slug", new { slug }, _transaction, cancellationToken: cancellationToken));
        return existing ?? await InsertBrandAsync(slug, name.Trim(), cancellationToken);
    }

    /// <summary>Records the seller's display name the first time they list something.</summary>
    public async Task EnsureSellerAsync(string id, string name, CancellationToken cancellationToken) =>
        await _connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO catalog_sellers (id, name) VALUES (@id, @name) ON CONFLICT (id) DO NOTHING",
            new { id, name },
            _transaction,
            cancellationToken: cancellationToken));

    /// <summary>"Adventure Works" → "adventure-works".</summary>
    public static string Slug(string name) =>
        string.Join('-', Search.SearchText.Words(name)).ToLower(CultureInfo.InvariantCulture);

    private sealed class ProductFacts
    {
        public string Title { get; init; } = string.Empty;

        public string Description { get; init; } = string.Empty;

        public long BrandId { get; init; }

        public long CategoryId { get; init; }

        public string Status { get; init; } = string.Empty;

        public double RatingAverage { get; init; }

        public long RatingCount { get; init; }
    }

    private sealed class SkuFacts
    {
        public long PriceAmount { get; init; }

        public string Currency { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;

        public long InStock { get; init; }
    }
}
