using Emporium.BuildingBlocks.Persistence;
using Emporium.FlashSales.Buying;
using Emporium.FlashSales.Paying;
using Emporium.FlashSales.Sales;
using Emporium.FlashSales.WaitingRoom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.FlashSales;

/// <summary>The flash-sales module's registration: the only public surface of the module.</summary>
public static class FlashSalesModule
{
    /// <summary>
    /// Registers sales and their allotments, the in-process stock gate with its group-committed claim
    /// writer, the waiting room, the claims checkout pays (<c>IFlashSaleClaims</c>) and the sweep that
    /// expires unpaid claims and settles ended sales. Settings under <c>Emporium:FlashSales</c>; purchase
    /// rate limits under <c>Emporium:RateLimits</c>. Uses the catalog and inventory contracts.
    /// </summary>
    public static IServiceCollection AddFlashSalesModule(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddModuleSchema("flashsales", typeof(FlashSalesModule).Assembly);
        services.AddSingleton(FlashSalesSettings.From(configuration));
        SellingFeature.Add(services, configuration);
        BuyingFeature.Add(services, configuration);
        WaitingRoomFeature.Add(services, configuration);
        PayingFeature.Add(services, configuration);
        return services;
    }

    /// <summary>
    /// The sold-out fast path: a purchase attempt on a sale whose gate is empty is answered 410 from memory,
    /// before authentication and rate limiting. Call it before <c>UseAuthentication</c>.
    /// </summary>
    public static IApplicationBuilder UseFlashSalesFastPath(this IApplicationBuilder app) => BuyingFeature.UseFastPath(app);

    public static IEndpointRouteBuilder MapFlashSalesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        SellingFeature.Map(endpoints);
        BuyingFeature.Map(endpoints);
        WaitingRoomFeature.Map(endpoints);
        PayingFeature.Map(endpoints);
        return endpoints;
    }
}
