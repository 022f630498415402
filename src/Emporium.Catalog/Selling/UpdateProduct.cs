using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Catalog.Writing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary><c>PUT /api/seller/products/{productId}</c>: replaces a product's description (variants have their own route).</summary>
internal static class UpdateProduct
{
    public static async Task<IResult> Handle(
        string productId, ProductRequest request, ClaimsPrincipal user, Database database, CatalogChanges changes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var notFound = Problems.From(Error.NotFound("product_not_found", $"No product '{productId}' of yours."));
        if (!SellerAccess.TryParseId(productId, out var id))
        {
            return notFound;
        }

        var errors = new ValidationErrors();
        SellerValidation.Product(request, creating: false, errors);
        if (errors.Any)
        {
            return Problems.From(errors.ToError());
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await SellerAccess.ProductOwnerAsync(connection, transaction, user, id, cancellationToken) is null)
        {
            return notFound;
        }

        var categoryId = await CreateProduct.CategoryIdAsync(connection, transaction, request.Category!, cancellationToken);
        if (categoryId is null)
        {
            return Problems.From(new Error(ErrorKind.Unprocessable, "unknown_category", $"No category '{request.Category}'."));
        }

        var writer = await CatalogWriter.OpenAsync(connection, transaction, cancellationToken);
        var before = (await writer.IndexedTextAsync(id, cancellationToken))!;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE catalog_products SET title = @title, description = @description, brand_id = @brandId, category_id = @categoryId,
                attributes = @attributes, images = @images
            WHERE id = @id
            """,
            new
            {
                id,
                title = request.Title!.Trim(),
                description = request.Description?.Trim() ?? string.Empty,
                brandId = await writer.BrandIdAsync(request.Brand!, cancellationToken),
                categoryId,
                attributes = JsonSerializer.Serialize(request.Attributes ?? []),
                images = JsonSerializer.Serialize(request.Images ?? []),
            },
            transaction,
            cancellationToken: cancellationToken));
        await writer.RefreshAsync(id, before, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.CommittedAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
