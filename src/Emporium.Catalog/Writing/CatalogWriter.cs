using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Emporium.Catalog.Search;

namespace Emporium.Catalog.Writing;

/// <summary>
/// Writes catalog data and keeps the search read model beside it in the same transaction: the
/// product's price range and stock flag, the denormalised brand and category text that full-text
/// search indexes, and the vocabulary that typo correction looks words up in.
/// </summary>
internal sealed partial class CatalogWriter
{
    private const string InsertProductSql = """
        INSERT INTO catalog_products (title, description, brand_id, category_id, seller_id, attributes, images, status,
            created_at, updated_at, rating_average, rating_count, currency, min_price, max_price, in_stock,
            search_brand, search_categories, search_category_tokens)
        VALUES (@title, @description, @brand, @category, @seller, @attributes, @images, @status,
            @created, @created, @ratingAverage, @ratingCount, @currency, @minPrice, @maxPrice, @inStock,
            @searchBrand, @searchCategories, @categoryTokens)
        RETURNING id
        """;

    private const string InsertFactsSql = """
        INSERT INTO catalog_search_facts (id, active, in_stock, brand_id, category_id, min_price, rating_average, rating_count, created_at)
        VALUES (@id, @active, @inStock, @brand, @category, @minPrice, @ratingAverage, @ratingCount, @created)
        """;

    private const string InsertSkuSql = """
        INSERT INTO catalog_skus (product_id, seller_id, code, attributes, price_amount, currency, status, in_stock)
        VALUES (@product, @seller, @code, @attributes, @price, @currency, @status, @inStock)
        """;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly Dictionary<long, string> _brandNames;
    private readonly Dictionary<long, string> _categoryText;
    private readonly Dictionary<long, string> _categoryTokens;
    private readonly Dictionary<string, int> _pendingTerms = new(StringComparer.Ordinal);
    private readonly DbCommand _insertProduct;
    private readonly DbCommand _insertSku;
    private readonly DbCommand _insertFacts;

    private CatalogWriter(
        DbConnection connection, DbTransaction transaction, Dictionary<long, string> brandNames, Dictionary<long, string> categoryText, Dictionary<long, string> categoryTokens)
    {
        _connection = connection;
        _transaction = transaction;
        _brandNames = brandNames;
        _categoryText = categoryText;
        _categoryTokens = categoryTokens;
        _insertProduct = DbCommands.Create(connection, transaction, InsertProductSql,
            "title", "description", "brand", "category", "seller", "attributes", "images", "status", "created",
            "ratingAverage", "ratingCount", "currency", "minPrice", "maxPrice", "inStock", "searchBrand", "searchCategories", "categoryTokens");
        _insertSku = DbCommands.Create(connection, transaction, InsertSkuSql,
            "product", "seller", "code", "attributes", "price", "currency", "status", "inStock");
        _insertFacts = DbCommands.Create(connection, transaction, InsertFactsSql,
            "id", "active", "inStock", "brand", "category", "minPrice", "ratingAverage", "ratingCount", "created");
    }

    /// <summary>Opens a writer inside <paramref name="transaction"/>; brands and categories must already exist.</summary>
    public static async Task<CatalogWriter> OpenAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var brands = (await connection.QueryAsync<(long Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM catalog_brands", transaction: transaction, cancellationToken: cancellationToken))).ToDictionary(b => b.Id, b => b.Name);
        var categories = (await connection.QueryAsync<(long Id, string Name, string Path)>(new CommandDefinition(
            "SELECT id, name, path FROM catalog_categories", transaction: transaction, cancellationToken: cancellationToken))).ToList();
        var names = categories.ToDictionary(c => c.Id, c => c.Name);

        // A product is found by its own category's name and by every ancestor's ("laptops", "computers", "electronics").
        var categoryText = categories.ToDictionary(
            c => c.Id,
            c => string.Join(' ', c.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => names[long.Parse(id, CultureInfo.InvariantCulture)]).Reverse()));
        var categoryTokens = categories.ToDictionary(c => c.Id, c => CategoryTokens(c.Path));
        return new CatalogWriter(connection, transaction, brands, categoryText, categoryTokens);
    }

    public async Task<long> InsertProductAsync(NewProduct product, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(product);
        var active = product.Skus.Where(s => s.Status == "active").ToList();
        var priced = active.Count > 0 ? active : product.Skus.ToList();
        if (priced.Count == 0)
        {
            throw new ArgumentException("A product needs at least one SKU.", nameof(product));
        }

        var brandName = _brandNames[product.BrandId];
        var categoryText = _categoryText[product.CategoryId];
        var created = product.CreatedAt.ToUnixTimeMilliseconds();
        var minPrice = priced.Min(s => s.PriceAmount);
        var inStock = active.Any(s => s.InStock) ? 1 : 0;

        var p = _insertProduct;
        p.Set("title", product.Title);
        p.Set("description", product.Description);
        p.Set("brand", product.BrandId);
        p.Set("category", product.CategoryId);
        p.Set("seller", product.SellerId);
        p.Set("attributes", JsonSerializer.Serialize(product.Attributes));
        p.Set("images", JsonSerializer.Serialize(product.Images));
        p.Set("status", product.Status);
        p.Set("created", created);
        p.Set("ratingAverage", product.RatingAverage);
        p.Set("ratingCount", product.RatingCount);
        p.Set("currency", priced[0].Currency);
        p.Set("minPrice", minPrice);
        p.Set("maxPrice", priced.Max(s => s.PriceAmount));
        p.Set("inStock", inStock);
        p.Set("searchBrand", brandName);
        p.Set("searchCategories", categoryText);
        p.Set("categoryTokens", _categoryTokens[product.CategoryId]);
        var id = Convert.ToInt64(await p.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        var f = _insertFacts;
        f.Set("id", id);
        f.Set("active", product.Status == "active" ? 1 : 0);
        f.Set("inStock", inStock);
        f.Set("brand", product.BrandId);
        f.Set("category", product.CategoryId);
        f.Set("minPrice", minPrice);
        f.Set("ratingAverage", product.RatingAverage);
        f.Set("ratingCount", product.RatingCount);
        f.Set("created", created);
        await f.ExecuteNonQueryAsync(cancellationToken);

        foreach (var sku in product.Skus)
        {
            var s = _insertSku;
            s.Set("product", id);
            s.Set("seller", product.SellerId);
            s.Set("code", sku.Code);
            s.Set("attributes", JsonSerializer.Serialize(sku.Attributes));
            s.Set("price", sku.PriceAmount);
            s.Set("currency", sku.Currency);
            s.Set("status", sku.Status);
            s.Set("inStock", sku.InStock ? 1 : 0);
            await s.ExecuteNonQueryAsync(cancellationToken);
        }

        CountTerms(product.Title, brandName, categoryText, product.Description);
        return id;
    }

    /// <summary>Applies the word counts gathered so far to the vocabulary; call before committing.</summary>
    public async Task FlushVocabularyAsync(CancellationToken cancellationToken)
    {
        // New or more frequent words go through an upsert. Words a change removed only ever lower a
        // count that exists: an upsert would check its would-be row (count < 0) against the CHECK first.
        const string Upsert = """
            INSERT INTO catalog_search_terms (term, doc_count) VALUES (@term, @count)
            ON CONFLICT (term) DO UPDATE SET doc_count = catalog_search_terms.doc_count + excluded.doc_count
            """;
        const string Lower = "UPDATE catalog_search_terms SET doc_count = doc_count + @count WHERE term = @term";
        using var upsert = DbCommands.Create(_connection, _transaction, Upsert, "term", "count");
        using var lower = DbCommands.Create(_connection, _transaction, Lower, "term", "count");
        foreach (var (term, count) in _pendingTerms.Where(t => t.Value != 0))
        {
            var command = count > 0 ? upsert : lower;
            command.Set("term", term);
            command.Set("count", count);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        _pendingTerms.Clear();
    }

    private void CountTerms(params string[] texts) => CountTerms(DistinctWords(texts), +1);

    private void CountTerms(IEnumerable<string> words, int delta)
    {
        foreach (var word in words)
        {
            _pendingTerms[word] = _pendingTerms.GetValueOrDefault(word) + delta;
        }
    }

    /// <summary>Each distinct word counts once per document.</summary>
    private static HashSet<string> DistinctWords(params string[] texts) =>
        new(texts.SelectMany(SearchText.Words), StringComparer.Ordinal);

    public async Task<long> InsertBrandAsync(string slug, string name, CancellationToken cancellationToken)
    {
        var id = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO catalog_brands (slug, name) VALUES (@slug, @name) RETURNING id",
            new { slug, name }, _transaction, cancellationToken: cancellationToken));
        _brandNames[id] = name;
        return id;
    }

    public async Task InsertSellerAsync(string id, string name, CancellationToken cancellationToken) =>
        await _connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO catalog_sellers (id, name) VALUES (@id, @name)", new { id, name }, _transaction, cancellationToken: cancellationToken));

    /// <summary>Adds a category under <paramref name="parentId"/> (or as a root) and returns its id.</summary>
    public async Task<long> InsertCategoryAsync(string slug, string name, long? parentId, CancellationToken cancellationToken)
    {
        var parentPath = parentId is null
            ? "/"
            : await _connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT path FROM catalog_categories WHERE id = @parentId", new { parentId }, _transaction, cancellationToken: cancellationToken))
              ?? throw new ArgumentException($"No category {parentId}.", nameof(parentId));

        // The path needs the new id, which the insert assigns: write a unique placeholder, then the real path.
        var id = await _connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO catalog_categories (parent_id, slug, name, path) VALUES (@parentId, @slug, @name, @placeholder) RETURNING id",
            new { parentId, slug, name, placeholder = "pending:" + slug }, _transaction, cancellationToken: cancellationToken));
        var path = parentPath + id.ToString(CultureInfo.InvariantCulture) + "/";
        await _connection.ExecuteAsync(new CommandDefinition(
            "UPDATE catalog_categories SET path = @path WHERE id = @id", new { path, id }, _transaction, cancellationToken: cancellationToken));

        var parentText = parentId is null ? string.Empty : " " + _categoryText[parentId.Value];
        _categoryText[id] = name + parentText;
        _categoryTokens[id] = CategoryTokens(path);
        return id;
    }

    /// <summary>The full-text token that stands for "in category <paramref name="categoryId"/> or below it".</summary>
    public static string CategoryToken(long categoryId) => "c" + categoryId.ToString(CultureInfo.InvariantCulture);

    /// <summary>'/1/7/12/' → 'c1 c7 c12': a product is in its own category and every ancestor.</summary>
    private static string CategoryTokens(string path) =>
        string.Join(' ', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => CategoryToken(long.Parse(id, CultureInfo.InvariantCulture))));
}
