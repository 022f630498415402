using System.Security.Claims;
using Dapper;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary>
/// <c>POST /api/seller/products/{productId}/deactivate</c> and <c>…/activate</c>: take a product off
/// sale (it leaves search and product pages at once; carts see "no longer sold") or back on.
/// </summary>
internal static class ChangeProductStatus
{
    public const string Active = "active";
    public const string Inactive = "inactive";

    public static async Task<IResult> Deactivate(string productId, ClaimsPrincipal user, ProductEdit edit, CancellationToken cancellationToken) =>
        ProductEdit.NoContentUnless(await SetAsync(productId, Inactive, user, edit, cancellationToken));

    public static async Task<IResult> Activate(string productId, ClaimsPrincipal user, ProductEdit edit, CancellationToken cancellationToken) =>
        ProductEdit.NoContentUnless(await SetAsync(productId, Active, user, edit, cancellationToken));

    /// <summary>Puts the product on sale (<see cref="Active"/>) or takes it off (<see cref="Inactive"/>); null when done.</summary>
    public static async Task<Error?> SetAsync(string productId, string status, ClaimsPrincipal user, ProductEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var notFound = Error.NotFound("product_not_found", $"No product '{productId}' of yours.");
        if (!SellerAccess.TryParseId(productId, out var id))
        {
            return notFound;
        }

        return await edit.RunAsync(id, user, notFound, async product =>
        {
            await product.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE catalog_products SET status = @status WHERE id = @id", new { id, status }, product.Transaction, cancellationToken: cancellationToken));
            return null;
        }, cancellationToken);
    }
}
