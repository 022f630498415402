using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.FlashSales.Buying;

/// <summary>The registrations and routes of this feature folder (called by <see cref="FlashSalesModule"/>).</summary>
internal static class BuyingFeature
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
    }

    public static IApplicationBuilder UseFastPath(IApplicationBuilder app) => app;
}
