using System.Security.Claims;
using Dapper;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary>
/// <c>POST /api/seller/products/{productId}/deactivate</c> and <c>…/activate</c>: take a product off
/// sale (it leaves search and product pages at once; carts see "no longer sold") or back on.
/// </summary>
internal static class ChangeProductStatus
{
    public static Task<IResult> Deactivate(string productId, ClaimsPrincipal user, ProductEdit edit, CancellationToken cancellationToken) =>
        SetAsync(productId, "inactive", user, edit, cancellationToken);

    public static Task<IResult> Activate(string productId, ClaimsPrincipal user, ProductEdit edit, CancellationToken cancellationToken) =>
        SetAsync(productId, "active", user, edit, cancellationToken);

    private static async Task<IResult> SetAsync(string productId, string status, ClaimsPrincipal user, ProductEdit edit, CancellationToken cancellationToken)
    {
        var notFound = Problems.From(Error.NotFound("product_not_found", $"No product '{productId}' of yours."));
        if (!SellerAccess.TryParseId(productId, out var id))
        {
            return notFound;
        }

        return await edit.RunAsync(id, user, notFound, async product =>
        {
            await product.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE catalog_products SET status = @status WHERE id = @id", new { id, status }, product.Transaction, cancellationToken: cancellationToken));
            return null;
        }, TypedResults.NoContent, cancellationToken);
    }
}
