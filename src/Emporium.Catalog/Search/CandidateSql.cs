using System.Globalization;

namespace Emporium.Catalog.Search;

/// <summary>SQL pieces both engines share: the candidate columns and the engine-side filters.</summary>
internal static class CandidateSql
{
    /// <summary>In <see cref="CandidateReader"/>'s order; the score comes last.</summary>
    public const string Columns = "p.id, p.brand_id, p.category_id, p.min_price, p.rating_average, p.rating_count, p.created_at";

    /// <summary>Category ids are integers from our own tree, so they are inlined rather than bound.</summary>
    public static string Where(EngineFilter filter)
    {
        var where = "p.status = 'active'";
        if (filter.CategoryIds is not null)
        {
            where += $" AND p.category_id IN ({string.Join(',', filter.CategoryIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))})";
        }

        if (filter.InStockOnly)
        {
            where += " AND p.in_stock = 1";
        }

        return where;
    }

    /// <summary>Every active product (browsing without words).</summary>
    public static string Browse(EngineFilter filter) =>
        $"SELECT {Columns}, 0 FROM catalog_products p WHERE {Where(filter)}";
}
