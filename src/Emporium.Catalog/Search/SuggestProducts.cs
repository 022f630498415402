using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Search;

/// <summary><c>GET /api/search/suggest?q=</c>: up to ten completions among categories, brands and product titles.</summary>
internal static class SuggestProducts
{
    public const int MaxPrefixLength = 100;

    public static async Task<IResult> Handle(HttpContext context, string? q, IProductSearch search, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(q))
        {
            errors.Add("q", "'q' is required.");
        }
        else if (q.Length > MaxPrefixLength)
        {
            errors.Add("q", $"'q' is longer than {MaxPrefixLength} characters.");
        }

        if (errors.Any)
        {
            return Problems.From(errors.ToError());
        }

        return CachedJson.Ok(context, await search.SuggestAsync(q!, cancellationToken));
    }
}
