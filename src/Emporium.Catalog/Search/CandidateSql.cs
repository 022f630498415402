using System.Globalization;

namespace Emporium.Catalog.Search;

/// <summary>SQL pieces both engines share: the candidate columns (from the narrow facts table) and the filters.</summary>
internal static class CandidateSql
{
    /// <summary>In <see cref="CandidateReader"/>'s order; the score comes last.</summary>
    public const string Columns = "f.id, f.brand_id, f.category_id, f.min_price, f.rating_average, f.rating_count, f.created_at";

    /// <summary>Filters on <c>catalog_search_facts f</c>; the category filter only when <paramref name="withCategory"/>.</summary>
    public static string Where(EngineFilter filter, bool withCategory = true)
    {
        var where = "f.active = 1";
        if (withCategory && filter.CategoryIds is not null)
        {
            // Ids from our own category tree: integers, inlined rather than bound.
            where += $" AND f.category_id IN ({string.Join(',', filter.CategoryIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))})";
        }

        if (filter.InStockOnly)
        {
            where += " AND f.in_stock = 1";
        }

        return where;
    }

    /// <summary>Every active product (browsing without words), from the facts table alone.</summary>
    public static string Browse(EngineFilter filter) =>
        $"SELECT {Columns}, 0 FROM catalog_search_facts f WHERE {Where(filter)}";
}
