using System.Globalization;
using System.Security.Claims;
using Dapper;
using Emporium.BuildingBlocks;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Emporium.Catalog.Selling;

/// <summary><c>GET /api/seller/products?page=&amp;pageSize=</c>: the seller's own products (an admin sees everyone's), newest first.</summary>
internal static class ListSellerProducts
{
    public sealed record Page(long Total, int PageNumber, int PageSize, IReadOnlyList<Item> Items);

    public sealed record Item(string Id, string Title, string Status, string SellerId, Money Price, Money MaxPrice, bool InStock, int Variants);

    public static async Task<IResult> Handle(ClaimsPrincipal user, Database database, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var listed = await ListAsync(user, database, page, pageSize, cancellationToken);
        return listed.IsSuccess ? TypedResults.Ok(listed.Value) : Problems.From(listed.Error!);
    }

    /// <summary>One page of the products <paramref name="user"/> may change, or why the paging is invalid.</summary>
    public static async Task<Result<Page>> ListAsync(ClaimsPrincipal user, Database database, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var errors = new ValidationErrors();
        if (page is < 1)
        {
            errors.Add("page", "From 1.");
        }

        if (pageSize is < 1 or > 100)
        {
            errors.Add("pageSize", "From 1 to 100.");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        var (number, size) = (page ?? 1, pageSize ?? 50);
        var scope = user.IsAdmin() ? "1 = 1" : "p.seller_id = @sellerId";
        var parameters = new { sellerId = user.UserId(), offset = (long)(number - 1) * size, size };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM catalog_products p WHERE {scope}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT p.id AS Id, p.title AS Title, p.status AS Status, p.seller_id AS SellerId, p.min_price AS MinPrice, p.max_price AS MaxPrice,
                   p.currency AS Currency, p.in_stock AS InStock, (SELECT COUNT(*) FROM catalog_skus s WHERE s.product_id = p.id) AS Variants
            FROM catalog_products p WHERE {scope}
            ORDER BY p.id DESC LIMIT @size OFFSET @offset
            """,
            parameters,
            cancellationToken: cancellationToken));
        var items = rows.Select(r => new Item(
            r.Id.ToString(CultureInfo.InvariantCulture), r.Title, r.Status, r.SellerId,
            new Money(r.MinPrice, r.Currency), new Money(r.MaxPrice, r.Currency), r.InStock == 1, (int)r.Variants)).ToList();
        return new Page(total, number, size, items);
    }

    private sealed class Row
    {
        public long Id { get; init; }

        public string Title { get; init; } = string.Empty;

        public string Status { get; init; } = string.Empty;

        public string SellerId { get; init; } = string.Empty;

        public long MinPrice { get; init; }

        public long MaxPrice { get; init; }

        public string Currency { get; init; } = string.Empty;

        public long InStock { get; init; }

        public long Variants { get; init; }
    }
}
