using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary><c>PUT /api/seller/products/{productId}</c>: replaces a product's description (variants have their own route).</summary>
internal static class UpdateProduct
{
    public static async Task<IResult> Handle(string productId, ProductRequest request, ClaimsPrincipal user, ProductEdit edit, CancellationToken cancellationToken) =>
        ProductEdit.NoContentUnless(await UpdateAsync(productId, request, user, edit, cancellationToken));

    /// <summary>Replaces the product's description; null when done, otherwise why nothing changed.</summary>
    public static async Task<Error?> UpdateAsync(string productId, ProductRequest request, ClaimsPrincipal user, ProductEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(edit);
        var notFound = Error.NotFound("product_not_found", $"No product '{productId}' of yours.");
        if (!SellerAccess.TryParseId(productId, out var id))
        {
            return notFound;
        }

        var errors = new ValidationErrors();
        SellerValidation.Product(request, creating: false, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        return await edit.RunAsync(id, user, notFound, async product =>
        {
            var categoryId = await CreateProduct.CategoryIdAsync(product.Connection, product.Transaction, request.Category!, cancellationToken);
            if (categoryId is null)
            {
                return CreateProduct.UnknownCategory(request.Category!);
            }

            await product.Connection.ExecuteAsync(new CommandDefinition(
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
                    brandId = await product.Writer.BrandIdAsync(request.Brand!, cancellationToken),
                    categoryId,
                    attributes = JsonSerializer.Serialize(request.Attributes ?? []),
                    images = JsonSerializer.Serialize(request.Images ?? []),
                },
                product.Transaction,
                cancellationToken: cancellationToken));
            return null;
        }, cancellationToken);
    }
}
