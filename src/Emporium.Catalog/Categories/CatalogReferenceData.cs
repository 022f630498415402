using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.Catalog.Categories;

internal sealed record Category(long Id, long? ParentId, string Slug, string Name, string Path);

internal sealed record Brand(long Id, string Slug, string Name);

/// <summary>
/// The category tree and brand list: small, read on every search, changed rarely. Kept in memory
/// for a short time (so other instances see changes within <see cref="Lifetime"/>) and dropped at
/// once when this instance changes them.
/// </summary>
internal sealed class CatalogReferenceData(Database database, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private volatile Snapshot? _snapshot;

    public void Invalidate() => _snapshot = null;

    public async ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < Lifetime)
        {
            return snapshot;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var categories = await connection.QueryAsync<Category>(new CommandDefinition(
            "SELECT id AS Id, parent_id AS ParentId, slug AS Slug, name AS Name, path AS Path FROM catalog_categories ORDER BY name",
            cancellationToken: cancellationToken));
        var brands = await connection.QueryAsync<Brand>(new CommandDefinition(
            "SELECT id AS Id, slug AS Slug, name AS Name FROM catalog_brands ORDER BY name",
            cancellationToken: cancellationToken));
        snapshot = new Snapshot(categories.ToList(), brands.ToList(), clock.GetUtcNow());
        _snapshot = snapshot;
        return snapshot;
    }

    internal sealed class Snapshot
    {
        private readonly Dictionary<long, Category> _categoriesById;
        private readonly Dictionary<string, Category> _categoriesBySlug;
        private readonly Dictionary<long, Brand> _brandsById;
        private readonly Dictionary<string, Brand> _brandsBySlug;
        private readonly ILookup<long?, Category> _children;

        public Snapshot(IReadOnlyList<Category> categories, IReadOnlyList<Brand> brands, DateTimeOffset loadedAt)
        {
            Categories = categories;
            Brands = brands;
            LoadedAt = loadedAt;
            _categoriesById = categories.ToDictionary(c => c.Id);
            _categoriesBySlug = categories.ToDictionary(c => c.Slug, StringComparer.OrdinalIgnoreCase);
            _brandsById = brands.ToDictionary(b => b.Id);
            _brandsBySlug = brands.ToDictionary(b => b.Slug, StringComparer.OrdinalIgnoreCase);
            _children = categories.ToLookup(c => c.ParentId);
        }

        public IReadOnlyList<Category> Categories { get; }

        public IReadOnlyList<Brand> Brands { get; }

        public DateTimeOffset LoadedAt { get; }

        public Category? CategoryBySlug(string slug) => _categoriesBySlug.GetValueOrDefault(slug);

        public Category? CategoryById(long id) => _categoriesById.GetValueOrDefault(id);

        public Brand? BrandBySlug(string slug) => _brandsBySlug.GetValueOrDefault(slug);

        public Brand? BrandById(long id) => _brandsById.GetValueOrDefault(id);

        /// <summary>Children of a category, or the roots for null, by name.</summary>
        public IEnumerable<Category> ChildrenOf(long? parentId) => _children[parentId];

        /// <summary>The category and every category below it.</summary>
        public IEnumerable<Category> Subtree(Category root) =>
            Categories.Where(c => c.Path.StartsWith(root.Path, StringComparison.Ordinal));

        /// <summary>Root first, the category itself last.</summary>
        public IReadOnlyList<Category> Ancestry(Category category) =>
            category.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(id => _categoriesById[long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)])
                .ToList();
    }
}
