using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.FlashSales.Buying;

/// <summary>The registrations and routes of this feature folder (called by <see cref="FlashSalesModule"/>).</summary>
internal static class BuyingFeature
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<InProcessStockGate>();
        services.AddSingleton<IStockGate>(provider => provider.GetRequiredService<InProcessStockGate>());
        services.AddSingleton<ClaimWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<ClaimWriter>());
        services.AddSingleton(PurchaseRateLimitSettings.From(configuration));
        services.AddSingleton<IPurchaseRateLimits, InProcessPurchaseRateLimits>();
        services.AddSingleton<ClaimExpiry>();
        services.AddHostedService<ClaimExpiryWorker>();
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var sales = endpoints.MapGroup("/api/flash-sales/{saleId}").WithTags("Flash sales");

        sales.MapGet("", GetSale.Handle)
            .AllowAnonymous()
            .WithName("GetFlashSale")
            .WithSummary("A sale as buyers see it: terms, status (scheduled, active, soldOut, ended) and about how many units are left. From memory.")
            .Produces<SaleView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        sales.MapPost("/purchase", Purchase.Handle)
            .RequireAuthorization(Policies.SignedIn)
            .WithName("PurchaseFlashSaleUnit")
            .WithSummary("Claim one unit of a sale: 201 with a claim to pay through POST /api/checkout { claimId } before expiresAt.")
            .WithDescription(
                "The claim is stored before the answer. A sale with a waiting room needs the purchase token of an admitted ticket "
                + $"(body {{ purchaseToken }} or header {Purchase.TokenHeader}), else 403 purchase_token_required. "
                + "Unknown sale 404 sale_not_found; not started 409 sale_not_started; the buyer's limit reached 409 per_user_limit_reached; "
                + "ended 410 sale_ended; sold out 410 sold_out (answered before sign-in is checked once the sale is sold out); "
                + "too many attempts from the buyer or the address 429 rate_limited with Retry-After; the claim could not be stored 503 claim_not_stored.")
            .Accepts<PurchaseRequest>(isOptional: true, "application/json")
            .Produces<ClaimCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The sold-out fast path (<see cref="SoldOutFastPath"/>); the host runs it before authentication.</summary>
    public static IApplicationBuilder UseFastPath(IApplicationBuilder app) => app.UseMiddleware<SoldOutFastPath>();
}
