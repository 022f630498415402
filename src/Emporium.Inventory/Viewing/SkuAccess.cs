using System.Security.Claims;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Emporium.Contracts.Catalog;

namespace Emporium.Inventory.Viewing;

/// <summary>
/// Who may see and change a SKU's stock: the seller the catalog names as its owner, and admins.
/// Another seller's SKU is reported as not found, so sellers cannot learn which ids exist.
/// </summary>
internal static class SkuAccess
{
    private const int MaxSkuIdLength = 100;

    public static Error NotFound(string skuId) => Error.NotFound("sku_not_found", $"No SKU '{skuId}' of yours.");

    public static async Task<bool> MayManageAsync(ICatalogReader catalog, ClaimsPrincipal user, string skuId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(skuId) || skuId.Length > MaxSkuIdLength)
        {
            return false;
        }

        var skus = await catalog.GetSkusAsync([skuId], cancellationToken);
        return skus.TryGetValue(skuId, out var sku) && (user.IsAdmin() || user.UserId() == sku.SellerId);
    }
}
