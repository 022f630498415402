using System.Data.Common;
using System.Security.Claims;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Catalog.Writing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary>What a change to an existing product works with, inside its transaction.</summary>
internal sealed record ProductEditContext(DbConnection Connection, DbTransaction Transaction, CatalogWriter Writer, long ProductId, string Owner);

/// <summary>
/// The one way an existing product changes: in one transaction, only if the user may change it (else
/// <c>notFound</c>), then the search read model and vocabulary are refreshed and caches evicted.
/// A change that returns a problem rolls everything back.
/// </summary>
internal sealed class ProductEdit(Database database, CatalogChanges changes, TimeProvider clock)
{
    public async Task<IResult> RunAsync(
        long productId, ClaimsPrincipal user, IResult notFound, Func<ProductEditContext, Task<IResult?>> change, Func<IResult> success, CancellationToken cancellationToken)
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
        return success();
    }
}
