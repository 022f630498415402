using Emporium.BuildingBlocks.Http;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Search;

/// <summary><c>GET /api/search</c>: full-text search or browse, with filters, facets, sorting and pages.</summary>
internal static class SearchProducts
{
    public static async Task<IResult> Handle(HttpContext context, IProductSearch search, CancellationToken cancellationToken)
    {
        var query = SearchQuery.Parse(context.Request.Query);
        if (!query.IsSuccess)
        {
            return Problems.From(query.Error!);
        }

        return CachedJson.Ok(context, await search.SearchAsync(query.Value, cancellationToken));
    }
}
