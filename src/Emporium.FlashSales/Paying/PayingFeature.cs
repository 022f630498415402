using Emporium.BuildingBlocks.Security;
using Emporium.Contracts.FlashSales;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.FlashSales.Paying;

/// <summary>The registrations and routes of this feature folder (called by <see cref="FlashSalesModule"/>).</summary>
internal static class PayingFeature
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ClaimSessions>();
        services.AddSingleton<FlashSaleClaims>();
        services.AddSingleton<IFlashSaleClaims>(provider => provider.GetRequiredService<FlashSaleClaims>());
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/flash-sales/claims/{claimId}", GetClaim.Handle)
            .WithTags("Flash sales")
            .RequireAuthorization(Policies.SignedIn)
            .WithName("GetFlashSaleClaim")
            .WithSummary("One of the caller's claims: sale, SKU, price, status (claimed, paying, paid, expired, cancelled), deadline and, once paid, the order.")
            .WithDescription("Another user's claim is 404 claim_not_found, exactly like an unknown one. Pay a claim with POST /api/checkout { claimId }.")
            .Produces<ClaimView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
