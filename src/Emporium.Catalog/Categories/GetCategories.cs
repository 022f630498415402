using Emporium.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Categories;

/// <summary><c>GET /api/categories</c>: the category tree.</summary>
internal static class GetCategories
{
    public sealed record CategoryNode(string Id, string Slug, string Name, IReadOnlyList<CategoryNode> Children);

    public static async Task<IResult> Handle(HttpContext context, CatalogReferenceData referenceData, CancellationToken cancellationToken)
    {
        var snapshot = await referenceData.GetAsync(cancellationToken);
        return CachedJson.Ok(context, Build(snapshot, null));
    }

    private static List<CategoryNode> Build(CatalogReferenceData.Snapshot snapshot, long? parentId) =>
        snapshot.ChildrenOf(parentId)
            .Select(c => new CategoryNode(c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Slug, c.Name, Build(snapshot, c.Id)))
            .ToList();
}
