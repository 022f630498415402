using System.Globalization;
using Emporium.Catalog.Writing;

namespace Emporium.Catalog.Seeding;

/// <summary>
/// Generates the demo catalog deterministically: the same count gives the same products, in the
/// same order, on every machine (System.Random with a fixed seed is stable across runs).
/// </summary>
internal sealed class DemoCatalog
{
    public const string Currency = "USD";
    private static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<(LeafKind Kind, long CategoryId)> _leaves;
    private readonly List<long> _brandIds;
    private readonly string[] _sellerIds;

    private DemoCatalog(List<(LeafKind, long)> leaves, List<long> brandIds, string[] sellerIds)
    {
        _leaves = leaves;
        _brandIds = brandIds;
        _sellerIds = sellerIds;
    }

    /// <summary>Writes the category tree, brands and sellers, and returns a generator over them.</summary>
    public static async Task<DemoCatalog> WriteReferenceDataAsync(CatalogWriter writer, CancellationToken cancellationToken)
    {
        var leaves = new List<(LeafKind, long)>();
        async Task AddAsync(Branch branch, long? parentId)
        {
            var id = await writer.InsertCategoryAsync(branch.Slug, branch.Name, parentId, cancellationToken);
            if (branch.Leaf is not null)
            {
                leaves.Add((branch.Leaf, id));
            }

            foreach (var child in branch.Children)
            {
                await AddAsync(child, id);
            }
        }

        foreach (var root in DemoTaxonomy.Tree)
        {
            await AddAsync(root, null);
        }

        var brandIds = new List<long>();
        foreach (var (slug, name) in DemoTaxonomy.Brands)
        {
            brandIds.Add(await writer.InsertBrandAsync(slug, name, cancellationToken));
        }

        foreach (var (id, name) in DemoTaxonomy.Sellers)
        {
            await writer.InsertSellerAsync(id, name, cancellationToken);
        }

        return new DemoCatalog(leaves, brandIds, DemoTaxonomy.Sellers.Select(s => s.Id).ToArray());
    }

    /// <summary>Products number first … first+count-1; product i is the same whatever else is generated.</summary>
    public IEnumerable<NewProduct> Products(int first, int count)
    {
        for (var i = first; i < first + count; i++)
        {
            yield return Product(i);
        }
    }

    private NewProduct Product(int number)
    {
        // One generator per product, so product i never depends on how many came before it. The seed is
        // mixed first: System.Random's first draws from neighbouring seeds are strongly correlated.
        var random = new Random(Mix(number));
        var (kind, categoryId) = _leaves[number % _leaves.Count];
        var brandIndex = random.Next(_brandIds.Count);
        var brandName = DemoTaxonomy.Brands[brandIndex].Name;
        var adjective = Pick(random, DemoTaxonomy.Adjectives);
        var noun = Pick(random, kind.Nouns);
        var model = random.Next(3) == 0 ? " " + (char)('A' + random.Next(26)) + random.Next(1, 100).ToString(CultureInfo.InvariantCulture) : string.Empty;
        var title = $"{brandName} {adjective} {noun}{model}";
        var material = Pick(random, DemoTaxonomy.Materials);
        var description =
            $"A {adjective.ToLowerInvariant()} {noun.ToLowerInvariant()} made with {material}. " +
            $"Ideal for {Pick(random, DemoTaxonomy.Uses)}. {Pick(random, DemoTaxonomy.Features)}";

        var basePrice = RoundPrice(kind.MinPrice + (long)(random.NextDouble() * (kind.MaxPrice - kind.MinPrice)));
        var ratingCount = random.Next(10) == 0 ? 0 : random.Next(1, 2_000);
        var rating = ratingCount == 0 ? 0 : Math.Round(1 + (4 * Math.Sqrt(random.NextDouble())), 1);
        var skuCode = $"EMP-{number + 1:D7}";

        return new NewProduct(
            title,
            description,
            _brandIds[brandIndex],
            categoryId,
            _sellerIds[random.Next(_sellerIds.Length)],
            new Dictionary<string, string>(StringComparer.Ordinal) { ["material"] = material },
            [$"/images/catalog/{kind.Slug}-{(number % 4) + 1}.svg"],
            "active",
            Epoch.AddMinutes(number),
            rating,
            ratingCount,
            Skus(random, kind, basePrice, skuCode));
    }

    private static List<NewSku> Skus(Random random, LeafKind kind, long basePrice, string code)
    {
        // Up to two axes, one to four combinations of their values.
        var combinations = new List<(Dictionary<string, string> Attributes, long Price)> { ([], basePrice) };
        foreach (var axis in kind.Axes.Take(2))
        {
            var start = random.Next(axis.Values.Length);
            var take = Math.Min(axis.Values.Length, random.Next(1, 3));
            combinations = combinations.SelectMany(c => Enumerable.Range(0, take).Select(k =>
            {
                var index = (start + k) % axis.Values.Length;
                var attributes = new Dictionary<string, string>(c.Attributes, StringComparer.Ordinal) { [axis.Name] = axis.Values[index] };
                return (attributes, Math.Max(99, c.Price + (axis.PriceSteps?[index] ?? 0)));
            })).ToList();
        }

        return combinations.Take(4).Select((c, k) => new NewSku(
            $"{code}-{k + 1}",
            c.Attributes,
            c.Price,
            Currency,
            "active",
            InStock: random.Next(10) != 0)).ToList();
    }

    /// <summary>The 32-bit finaliser of MurmurHash3: neighbouring inputs give unrelated outputs.</summary>
    private static int Mix(int value)
    {
        var h = unchecked((uint)value + 0x9E3779B9u);
        h ^= h >> 16;
        h = unchecked(h * 0x85EBCA6Bu);
        h ^= h >> 13;
        h = unchecked(h * 0xC2B2AE35u);
        h ^= h >> 16;
        return (int)(h & 0x7FFFFFFF);
    }

    private static long RoundPrice(long minor) => Math.Max(99, (minor / 100 * 100) - 1);

    private static T Pick<T>(Random random, T[] values) => values[random.Next(values.Length)];

    /// <summary>Writes products in one transaction on the writer's connection.</summary>
    public async Task WriteProductsAsync(CatalogWriter writer, IEnumerable<NewProduct> products, CancellationToken cancellationToken)
    {
        foreach (var product in products)
        {
            await writer.InsertProductAsync(product, cancellationToken);
        }

        await writer.FlushVocabularyAsync(cancellationToken);
    }

}
