using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.FlashSales.WaitingRoom;

/// <summary>The registrations and routes of this feature folder (called by <see cref="FlashSalesModule"/>).</summary>
internal static class WaitingRoomFeature
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
    }
}
