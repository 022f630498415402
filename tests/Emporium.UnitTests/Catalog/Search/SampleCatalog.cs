using Emporium.Catalog.Categories;
using Emporium.Catalog.Search;

namespace Emporium.UnitTests.Catalog.Search;

/// <summary>
/// A small hand-made catalog: two roots, children and grandchildren, four brands.
/// <code>
/// electronics (1)  ── laptops (3) ── gaming-laptops (6), ultrabooks (7)
///                  ── phones (4)
///                  ── audio (10) ── headphones (11)
/// home (2)         ── kitchen (5) ── cookware (8)
///                  ── garden (9)
/// </code>
/// </summary>
internal static class SampleCatalog
{
    public const long Electronics = 1, Home = 2, Laptops = 3, Phones = 4, Kitchen = 5, GamingLaptops = 6,
        Ultrabooks = 7, Cookware = 8, Garden = 9, Audio = 10, Headphones = 11;

    public const long Acme = 1, Bolt = 2, Crest = 3, Dune = 4;

    /// <summary>Ids the reference data does not know (deleted since the match, say).</summary>
    public const long UnknownBrand = 99, UnknownCategory = 77;

    public static readonly IReadOnlyList<Category> Categories =
    [
        new(Electronics, null, "electronics", "Electronics", "/1/"),
        new(Home, null, "home", "Home", "/2/"),
        new(Laptops, Electronics, "laptops", "Laptops", "/1/3/"),
        new(Phones, Electronics, "phones", "Phones", "/1/4/"),
        new(Kitchen, Home, "kitchen", "Kitchen", "/2/5/"),
        new(GamingLaptops, Laptops, "gaming-laptops", "Gaming laptops", "/1/3/6/"),
        new(Ultrabooks, Laptops, "ultrabooks", "Ultrabooks", "/1/3/7/"),
        new(Cookware, Kitchen, "cookware", "Cookware", "/2/5/8/"),
        new(Garden, Home, "garden", "Garden", "/2/9/"),
        new(Audio, Electronics, "audio", "Audio", "/1/10/"),
        new(Headphones, Audio, "headphones", "Headphones", "/1/10/11/"),
    ];

    public static readonly IReadOnlyList<Brand> Brands =
    [
        new(Acme, "acme", "Acme"),
        new(Bolt, "bolt", "Bolt"),
        new(Crest, "crest", "Crest"),
        new(Dune, "dune", "Dune"),
    ];

    public static readonly CatalogReferenceData.Snapshot Reference = new(Categories, Brands, DateTimeOffset.UnixEpoch);

    public static Category Category(long id) => Categories.Single(c => c.Id == id);

    /// <summary>Whether <paramref name="categoryId"/> is <paramref name="ancestorId"/> or below it, by walking up the parents.</summary>
    public static bool IsWithin(long categoryId, long ancestorId)
    {
        for (long? id = categoryId; id is not null; id = Categories.SingleOrDefault(c => c.Id == id)?.ParentId)
        {
            if (id == ancestorId)
            {
                return true;
            }
        }

        return false;
    }

    public static Candidate Product(long id, long brand, long category, long price, double rating) =>
        new(id, Score: 1.0, brand, category, price, rating, RatingCount: 10, CreatedAt: id);
}
