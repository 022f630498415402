using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.FlashSales.Paying;

/// <summary>The registrations and routes of this feature folder (called by <see cref="FlashSalesModule"/>).</summary>
internal static class PayingFeature
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
    }
}
