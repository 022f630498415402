using Emporium.Catalog.Categories;
using Microsoft.AspNetCore.OutputCaching;

namespace Emporium.Catalog;

/// <summary>
/// What must happen after any catalog write commits: cached search, product and category responses
/// are evicted (output-cache tag <see cref="CacheTag"/>) and the in-memory tree and brands reloaded.
/// Other instances catch up within the output cache's short lifetime.
/// </summary>
internal sealed class CatalogChanges(IOutputCacheStore outputCache, CatalogReferenceData referenceData)
{
    public const string CacheTag = "catalog";

    public async Task CommittedAsync(CancellationToken cancellationToken)
    {
        referenceData.Invalidate();
        await outputCache.EvictByTagAsync(CacheTag, cancellationToken);
    }
}
