using System.Security.Claims;
using Dapper;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Catalog.Writing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary>
/// <c>POST /api/seller/products/{productId}/deactivate</c> and <c>…/activate</c>: take a product off
/// sale (it leaves search and product pages at once; carts see "no longer sold") or back on.
/// </summary>
internal static class ChangeProductStatus
{
    public static Task<IResult> Deactivate(string productId, ClaimsPrincipal user, Database database, CatalogChanges changes, TimeProvider clock, CancellationToken cancellationToken) =>
        SetAsync(productId, "inactive", user, database, changes, clock, cancellationToken);

    public static Task<IResult> Activate(string productId, ClaimsPrincipal user, Database database, CatalogChanges changes, TimeProvider clock, CancellationToken cancellationToken) =>
        SetAsync(productId, "active", user, database, changes, clock, cancellationToken);

    private static async Task<IResult> SetAsync(
        string productId, string status, ClaimsPrincipal user, Database database, CatalogChanges changes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var notFound = Problems.From(Error.NotFound("product_not_found", $"No product '{productId}' of yours."));
        if (!SellerAccess.TryParseId(productId, out var id))
        {
            return notFound;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await SellerAccess.ProductOwnerAsync(connection, transaction, user, id, cancellationToken) is null)
        {
            return notFound;
        }

        var writer = await CatalogWriter.OpenAsync(connection, transaction, cancellationToken);
        var before = (await writer.IndexedTextAsync(id, cancellationToken))!;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE catalog_products SET status = @status WHERE id = @id", new { id, status }, transaction, cancellationToken: cancellationToken));
        await writer.RefreshAsync(id, before, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.CommittedAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
