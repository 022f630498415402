using System.Globalization;
using System.Security.Claims;
using Dapper;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Emporium.Catalog.Writing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary><c>POST /api/seller/products</c>: a seller lists a product with its variants; searchable at commit.</summary>
internal static class CreateProduct
{
    public sealed record Created(string Id, IReadOnlyList<CreatedSku> Skus);

    public sealed record CreatedSku(string Id, string Code);

    public static async Task<IResult> Handle(
        ProductRequest request, ClaimsPrincipal user, Database database, CatalogChanges changes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var created = await CreateAsync(request, user, database, changes, clock, cancellationToken);
        return created.IsSuccess ? TypedResults.Created($"/api/products/{created.Value.Id}", created.Value) : Problems.From(created.Error!);
    }

    /// <summary>Checks everything, then lists the product; the new ids, or why nothing was created.</summary>
    public static async Task<Result<Created>> CreateAsync(
        ProductRequest request, ClaimsPrincipal user, Database database, CatalogChanges changes, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(clock);
        var errors = new ValidationErrors();
        SellerValidation.Product(request, creating: true, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }

        var sellerId = user.UserId()!;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var categoryId = await CategoryIdAsync(connection, transaction, request.Category!, cancellationToken);
        if (categoryId is null)
        {
            return UnknownCategory(request.Category!);
        }

        var codes = request.Skus!.Select(s => s.Code!).ToArray();
        var taken = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT code FROM catalog_skus WHERE seller_id = @sellerId AND {database.InList("code", "codes")}",
            new { sellerId, codes },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        if (taken.Count > 0)
        {
            return new Error(ErrorKind.Conflict, "sku_code_taken", $"You already have variants with the codes {string.Join(", ", taken)}.");
        }

        var writer = await CatalogWriter.OpenAsync(connection, transaction, cancellationToken);
        await writer.EnsureSellerAsync(sellerId, user.Identity?.Name ?? sellerId, cancellationToken);
        var product = new NewProduct(
            request.Title!.Trim(),
            request.Description?.Trim() ?? string.Empty,
            await writer.BrandIdAsync(request.Brand!, cancellationToken),
            categoryId.Value,
            sellerId,
            request.Attributes ?? [],
            request.Images ?? [],
            "active",
            clock.GetUtcNow(),
            RatingAverage: 0,
            RatingCount: 0,
            request.Skus!.Select(s => new NewSku(s.Code!, s.Attributes ?? [], s.Price!.Amount!.Value, s.Price.Currency!, s.Status ?? "active", InStock: true)).ToList());
        var id = await writer.InsertProductAsync(product, cancellationToken);
        await writer.FlushVocabularyAsync(cancellationToken);
        var skus = await connection.QueryAsync<(long Id, string Code)>(new CommandDefinition(
            "SELECT id, code FROM catalog_skus WHERE product_id = @id ORDER BY id", new { id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        await changes.CommittedAsync(cancellationToken);

        return new Created(id.ToString(CultureInfo.InvariantCulture), skus.Select(s => new CreatedSku(s.Id.ToString(CultureInfo.InvariantCulture), s.Code)).ToList());
    }

    internal static Error UnknownCategory(string slug) => new(ErrorKind.Unprocessable, "unknown_category", $"No category '{slug}'.");

    internal static Task<long?> CategoryIdAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string slug, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM catalog_categories WHERE slug = @slug", new { slug = slug.Trim().ToLowerInvariant() }, transaction, cancellationToken: cancellationToken));
}
