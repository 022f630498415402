using System.Data.Common;
using System.Security.Claims;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Catalog.Writing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary>What a change to an existing product works with, inside its transaction.</summary>
internal sealed record ProductEditContext(DbConnection Connection, DbTransaction Transaction, CatalogWriter Writer, long ProductId, string Owner);

/// <summary>
/// The one way an existing product changes: in one transaction, only if the user may change it (else
/// <c>notFound</c>), then the search read model and vocabulary are refreshed and caches evicted.
/// A change that returns an error rolls everything back.
/// </summary>
internal sealed class ProductEdit(Database database, CatalogChanges changes, TimeProvider clock)
{
    /// <summary>Null when the change committed; otherwise why nothing changed.</summary>
    public async Task<Error?> RunAsync(
        long productId, ClaimsPrincipal user, Error notFound, Func<ProductEditContext, Task<Error?>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var owner = await SellerAccess.ProductOwnerAsync(connection, transaction, user, productId, cancellationToken);
        if (owner is null)
        {
            return notFound;
        }

        var writer = await CatalogWriter.OpenAsync(connection, transaction, cancellationToken);
        var before = (await writer.IndexedTextAsync(productId, cancellationToken))!;
        if (await change(new ProductEditContext(connection, transaction, writer, productId, owner)) is { } problem)
        {
            return problem;
        }

        await writer.RefreshAsync(productId, before, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.CommittedAsync(cancellationToken);
        return null;
    }

    /// <summary>The endpoints' answer: 204 for a change made, the problem otherwise.</summary>
    public static IResult NoContentUnless(Error? error) => error is null ? TypedResults.NoContent() : Problems.From(error);
}
