using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary>
/// <c>PUT /api/seller/skus/{skuId}</c> (attributes, price, status) and
/// <c>POST /api/seller/products/{productId}/skus</c> (a new variant). A price change is visible at
/// once in search and product pages, and carts flag it as <c>priceChanged</c>.
/// </summary>
internal static class ChangeSkus
{
    private static readonly Error CurrencyMismatch = new(ErrorKind.Unprocessable, "currency_mismatch", "All variants of a product share one currency.");

    public static async Task<IResult> Update(string skuId, SkuRequest request, ClaimsPrincipal user, Database database, ProductEdit edit, CancellationToken cancellationToken) =>
        ProductEdit.NoContentUnless(await UpdateAsync(skuId, request, user, database, edit, cancellationToken));

    /// <summary>Changes the variant; null when done, otherwise why nothing changed.</summary>
    public static async Task<Error?> UpdateAsync(string skuId, SkuRequest request, ClaimsPrincipal user, Database database, ProductEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(edit);
        var notFound = Error.NotFound("sku_not_found", $"No variant '{skuId}' of yours.");
        if (!SellerAccess.TryParseId(skuId, out var id))
        {
            return notFound;
        }

        var errors = new ValidationErrors();
        SellerValidation.Sku(request, "sku", requireCode: false, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        long? productId;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            productId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT product_id FROM catalog_skus WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        }

        if (productId is null)
        {
            return notFound;
        }

        return await edit.RunAsync(productId.Value, user, notFound, async product =>
        {
            var code = await product.Connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "SELECT code FROM catalog_skus WHERE id = @id", new { id }, product.Transaction, cancellationToken: cancellationToken));
            if (await OtherCurrencyAsync(product, id, request.Price!.Currency!, cancellationToken))
            {
                return CurrencyMismatch;
            }

            if (request.Code is { } newCode && newCode != code && await CodeTakenAsync(product, newCode, cancellationToken))
            {
                return CodeTaken(newCode);
            }

            await product.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE catalog_skus SET code = @code, attributes = @attributes, price_amount = @price, currency = @currency, status = @status WHERE id = @id",
                new { id, code = request.Code ?? code, attributes = Json(request), price = request.Price.Amount, currency = request.Price.Currency, status = request.Status ?? "active" },
                product.Transaction,
                cancellationToken: cancellationToken));
            return null;
        }, cancellationToken);
    }

    public static async Task<IResult> Add(string productId, SkuRequest request, ClaimsPrincipal user, ProductEdit edit, CancellationToken cancellationToken)
    {
        var added = await AddAsync(productId, request, user, edit, cancellationToken);
        return added.IsSuccess ? TypedResults.Created($"/api/products/{productId}", added.Value) : Problems.From(added.Error!);
    }

    /// <summary>Adds a variant to the product; the new variant, or why nothing changed.</summary>
    public static async Task<Result<CreateProduct.CreatedSku>> AddAsync(string productId, SkuRequest request, ClaimsPrincipal user, ProductEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(edit);
        var notFound = Error.NotFound("product_not_found", $"No product '{productId}' of yours.");
        if (!SellerAccess.TryParseId(productId, out var id))
        {
            return notFound;
        }

        var errors = new ValidationErrors();
        SellerValidation.Sku(request, "sku", requireCode: true, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        long skuId = 0;
        var error = await edit.RunAsync(id, user, notFound, async product =>
        {
            if (await OtherCurrencyAsync(product, 0, request.Price!.Currency!, cancellationToken))
            {
                return CurrencyMismatch;
            }

            if (await CodeTakenAsync(product, request.Code!, cancellationToken))
            {
                return CodeTaken(request.Code!);
            }

            skuId = await product.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO catalog_skus (product_id, seller_id, code, attributes, price_amount, currency, status, in_stock)
                VALUES (@id, @owner, @code, @attributes, @price, @currency, @status, 1)
                RETURNING id
                """,
                new { id, owner = product.Owner, code = request.Code, attributes = Json(request), price = request.Price.Amount, currency = request.Price.Currency, status = request.Status ?? "active" },
                product.Transaction,
                cancellationToken: cancellationToken));
            return null;
        }, cancellationToken);
        return error is null ? new CreateProduct.CreatedSku(skuId.ToString(CultureInfo.InvariantCulture), request.Code!) : error;
    }

    private static string Json(SkuRequest request) => JsonSerializer.Serialize(request.Attributes ?? []);

    private static Error CodeTaken(string code) => new(ErrorKind.Conflict, "sku_code_taken", $"You already have a variant with the code {code}.");

    private static async Task<bool> OtherCurrencyAsync(ProductEditContext product, long exceptSkuId, string currency, CancellationToken cancellationToken) =>
        await product.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM catalog_skus WHERE product_id = @ProductId AND id <> @exceptSkuId AND currency <> @currency",
            new { product.ProductId, exceptSkuId, currency },
            product.Transaction,
            cancellationToken: cancellationToken)) > 0;

    private static async Task<bool> CodeTakenAsync(ProductEditContext product, string code, CancellationToken cancellationToken) =>
        await product.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM catalog_skus WHERE seller_id = @Owner AND code = @code",
            new { product.Owner, code },
            product.Transaction,
            cancellationToken: cancellationToken)) > 0;
}
