using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.FlashSales.Sales;

/// <summary>The registrations and routes of this feature folder (called by <see cref="FlashSalesModule"/>).</summary>
internal static class SellingFeature
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SaleAllotting>();
        services.AddSingleton<SaleSettlement>();
        services.AddHostedService<SaleSettlementWorker>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var sales = endpoints.MapGroup("/api/admin/flash-sales").WithTags("Flash sales").RequireAuthorization(Policies.Admin);

        sales.MapPost("", SaleEndpoints.Create)
            .WithName("CreateFlashSale")
            .WithSummary("A flash sale of one SKU: its quantity moves out of normal stock into the sale's allotment at once.")
            .WithDescription(
                "Body { skuId, price (minor units of the SKU's currency), quantity, perUserLimit, startsAt, endsAt, country? (default US), admitPerSecond? (turns the waiting room on) }. "
                + "A sale lasts at most 7 days and must end in the future. Unknown SKU 404 sku_not_found; a SKU no longer sold 422; "
                + "not enough stock shipping to the country 409 out_of_stock (nothing is reserved or written).")
            .Accepts<CreateSaleRequest>("application/json")
            .Produces<SaleCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        sales.MapGet("/{saleId}", SaleEndpoints.Get)
            .WithName("GetFlashSaleForAdmin")
            .WithSummary("A sale's terms, status (allotting, open, settled), allotment reservation, settle time and its claims counted per status.")
            .Produces<AdminSaleView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        sales.MapGet("", SaleEndpoints.List)
            .WithName("ListFlashSales")
            .WithSummary($"Every sale, newest first: page from 1, pageSize from 1 to {SaleEndpoints.MaxPageSize} (default {SaleEndpoints.DefaultPageSize}).")
            .Produces<AdminSalePage>()
            .ProducesValidationProblem();
    }
}
