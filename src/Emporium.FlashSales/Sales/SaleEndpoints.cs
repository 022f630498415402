using System.Security.Claims;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Emporium.FlashSales.Sales;

/// <summary>A sale as the admin sees it: its terms, where it is in its life, its allotment and its claims.</summary>
internal sealed record AdminSaleView(
    string Id,
    string SkuId,
    long Price,
    string Currency,
    int Quantity,
    int PerUserLimit,
    string Country,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset SettlesAt,
    int? AdmitPerSecond,
    string Status,
    string? AllotmentId,
    SaleClaimCounts Claims)
{
    public static AdminSaleView Of(FlashSale sale, SaleClaimCounts claims) => new(
        sale.IdText,
        sale.SkuId,
        sale.Price,
        sale.Currency,
        sale.Quantity,
        sale.PerUserLimit,
        sale.Country,
        sale.StartsAt,
        sale.EndsAt,
        sale.SettlesAt,
        sale.AdmitPerSecond,
        SaleRows.Text(sale.Status),
        sale.AllotmentId,
        claims);
}

internal sealed record AdminSalePage(IReadOnlyList<AdminSaleView> Items, int Page, int PageSize, long Total);

internal sealed record SaleCreated(string Id);

/// <summary><c>POST /api/admin/flash-sales</c>, <c>GET /api/admin/flash-sales/{saleId}</c> and <c>GET /api/admin/flash-sales</c> (admins only).</summary>
internal static class SaleEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static async Task<IResult> Create(
        CreateSaleRequest? request, ClaimsPrincipal user, SaleAllotting allotting, TimeProvider clock, CancellationToken cancellationToken)
    {
        var adminId = user.UserId() ?? throw new InvalidOperationException("The admin policy admits signed-in users only.");
        var created = await CreateAsync(request, adminId, allotting, clock, cancellationToken);
        if (!created.IsSuccess)
        {
            return Problems.From(created.Error!);
        }

        var id = new SaleCreated(created.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return TypedResults.Created($"/api/admin/flash-sales/{id.Id}", id);
    }

    /// <summary>Validates the terms and creates the sale with its allotment: the decision the endpoint and the admin page share.</summary>
    public static async Task<Result<long>> CreateAsync(
        CreateSaleRequest? request, string adminId, SaleAllotting allotting, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(allotting);
        ArgumentNullException.ThrowIfNull(clock);
        var terms = SaleRules.Validate(request, clock.GetUtcNow());
        return terms.IsSuccess ? await allotting.CreateAsync(terms.Value, adminId, cancellationToken) : terms.Error!;
    }

    public static async Task<IResult> Get(string saleId, Database database, CancellationToken cancellationToken)
    {
        var notFound = Error.NotFound("sale_not_found", $"There is no flash sale '{saleId}'.");
        if (!FlashSale.TryParseId(saleId, out var id))
        {
            return Problems.From(notFound);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var sale = await SaleRows.FindAsync(connection, null, id, cancellationToken);
        if (sale is null)
        {
            return Problems.From(notFound);
        }

        var counts = await SaleStore.ClaimCountsAsync(database, connection, [id], cancellationToken);
        return TypedResults.Ok(AdminSaleView.Of(sale, counts.GetValueOrDefault(id, SaleClaimCounts.None)));
    }

    public static async Task<IResult> List(Database database, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (page is < 1)
        {
            errors.Add("page", "From 1.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"From 1 to {MaxPageSize}.");
        }

        if (errors.Any)
        {
            return Problems.From(errors.ToError());
        }

        return TypedResults.Ok(await PageAsync(database, page ?? 1, pageSize ?? DefaultPageSize, cancellationToken));
    }

    /// <summary>One page of every sale, newest first, with its claims counted (page and size already checked).</summary>
    public static async Task<AdminSalePage> PageAsync(Database database, int number, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await SaleStore.CountAsync(connection, cancellationToken);
        var offset = (long)(number - 1) * size;
        var sales = offset >= total ? [] : await SaleRows.ListNewestAsync(connection, (int)offset, size, cancellationToken);
        var counts = sales.Count == 0
            ? new Dictionary<long, SaleClaimCounts>()
            : await SaleStore.ClaimCountsAsync(database, connection, [.. sales.Select(s => s.Id)], cancellationToken);
        var items = sales.Select(s => AdminSaleView.Of(s, counts.GetValueOrDefault(s.Id, SaleClaimCounts.None))).ToList();
        return new AdminSalePage(items, number, size, total);
    }
}
