using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Catalog.Writing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary>
/// <c>PUT /api/seller/skus/{skuId}</c> (attributes, price, status) and
/// <c>POST /api/seller/products/{productId}/skus</c> (a new variant). A price change is visible at
/// once in search and product pages, and carts flag it as <c>priceChanged</c>.
/// </summary>
internal static class ChangeSkus
{
    public static async Task<IResult> Update(
        string skuId, SkuRequest request, ClaimsPrincipal user, Database database, CatalogChanges changes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var notFound = Problems.From(Error.NotFound("sku_not_found", $"No variant '{skuId}' of yours."));
        if (!SellerAccess.TryParseId(skuId, out var id))
        {
            return notFound;
        }

        var errors = new ValidationErrors();
        SellerValidation.Sku(request, "sku", requireCode: false, errors);
        if (errors.Any)
        {
            return Problems.From(errors.ToError());
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sku = await connection.QuerySingleOrDefaultAsync<(long ProductId, string SellerId, string Code)>(new CommandDefinition(
            "SELECT product_id, seller_id, code FROM catalog_skus WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        if (sku.SellerId is null || !SellerAccess.Owns(user, sku.SellerId))
        {
            return notFound;
        }

        if (await OtherCurrencyAsync(connection, transaction, sku.ProductId, id, request.Price!.Currency!, cancellationToken))
        {
            return Problems.From(new Error(ErrorKind.Unprocessable, "currency_mismatch", "All variants of a product share one currency."));
        }

        if (request.Code is { } code && code != sku.Code && await CodeTakenAsync(connection, transaction, sku.SellerId, code, cancellationToken))
        {
            return Problems.From(new Error(ErrorKind.Conflict, "sku_code_taken", $"You already have a variant with the code {code}."));
        }

        var writer = await CatalogWriter.OpenAsync(connection, transaction, cancellationToken);
        var before = (await writer.IndexedTextAsync(sku.ProductId, cancellationToken))!;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE catalog_skus SET code = @code, attributes = @attributes, price_amount = @price, currency = @currency, status = @status
            WHERE id = @id
            """,
            new
            {
                id,
                code = request.Code ?? sku.Code,
                attributes = JsonSerializer.Serialize(request.Attributes ?? []),
                price = request.Price.Amount,
                currency = request.Price.Currency,
                status = request.Status ?? "active",
            },
            transaction,
            cancellationToken: cancellationToken));
        await writer.RefreshAsync(sku.ProductId, before, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.CommittedAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<IResult> Add(
        string productId, SkuRequest request, ClaimsPrincipal user, Database database, CatalogChanges changes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var notFound = Problems.From(Error.NotFound("product_not_found", $"No product '{productId}' of yours."));
        if (!SellerAccess.TryParseId(productId, out var id))
        {
            return notFound;
        }

        var errors = new ValidationErrors();
        SellerValidation.Sku(request, "sku", requireCode: true, errors);
        if (errors.Any)
        {
            return Problems.From(errors.ToError());
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var owner = await SellerAccess.ProductOwnerAsync(connection, transaction, user, id, cancellationToken);
        if (owner is null)
        {
            return notFound;
        }

        if (await OtherCurrencyAsync(connection, transaction, id, 0, request.Price!.Currency!, cancellationToken))
        {
            return Problems.From(new Error(ErrorKind.Unprocessable, "currency_mismatch", "All variants of a product share one currency."));
        }

        if (await CodeTakenAsync(connection, transaction, owner, request.Code!, cancellationToken))
        {
            return Problems.From(new Error(ErrorKind.Conflict, "sku_code_taken", $"You already have a variant with the code {request.Code}."));
        }

        var writer = await CatalogWriter.OpenAsync(connection, transaction, cancellationToken);
        var before = (await writer.IndexedTextAsync(id, cancellationToken))!;
        var skuId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO catalog_skus (product_id, seller_id, code, attributes, price_amount, currency, status, in_stock)
            VALUES (@id, @owner, @code, @attributes, @price, @currency, @status, 1)
            RETURNING id
            """,
            new
            {
                id,
                owner,
                code = request.Code,
                attributes = JsonSerializer.Serialize(request.Attributes ?? []),
                price = request.Price.Amount,
                currency = request.Price.Currency,
                status = request.Status ?? "active",
            },
            transaction,
            cancellationToken: cancellationToken));
        await writer.RefreshAsync(id, before, clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.CommittedAsync(cancellationToken);
        var skuText = skuId.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Created($"/api/products/{productId}", new CreateProduct.CreatedSku(skuText, request.Code!));
    }

    private static async Task<bool> OtherCurrencyAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long productId, long exceptSkuId, string currency, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM catalog_skus WHERE product_id = @productId AND id <> @exceptSkuId AND currency <> @currency",
            new { productId, exceptSkuId, currency },
            transaction,
            cancellationToken: cancellationToken)) > 0;

    private static async Task<bool> CodeTakenAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string sellerId, string code, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM catalog_skus WHERE seller_id = @sellerId AND code = @code",
            new { sellerId, code },
            transaction,
            cancellationToken: cancellationToken)) > 0;
}
