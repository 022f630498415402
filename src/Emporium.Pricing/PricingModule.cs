using Emporium.BuildingBlocks.Persistence;
using Emporium.Contracts.Pricing;
using Emporium.Pricing.Quotes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.Pricing;

/// <summary>The pricing module's registration: the only public surface of the module.</summary>
public static class PricingModule
{
    /// <summary>
    /// Registers server-side quotes (<see cref="IPriceQuotes"/>): current unit prices from the catalog,
    /// shipping per seller's shipment and tax by destination. Settings under <c>Emporium:Pricing</c>.
    /// Stores nothing, so it has no schema.
    /// </summary>
    public static IServiceCollection AddPricingModule(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(PricingSettings.From(configuration));
        services.AddSingleton<IPriceQuotes, PriceQuotes>();
        return services;
    }

    public static IEndpointRouteBuilder MapPricingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var pricing = endpoints.MapGroup("/api/pricing").WithTags("Pricing");

        pricing.MapPost("/quotes", QuotePrices.Handle)
            .WithName("QuotePrices")
            .WithSummary("What these SKUs would cost delivered to a country now: current unit prices, shipping per seller's shipment, tax.")
            .WithDescription("Anonymous; nothing is held. The same SKU twice is one line of the summed quantity. Unknown or no longer sold SKUs are 409 sku_unavailable (named in errors); SKUs in different currencies are 422 mixed_currencies.")
            .Accepts<QuoteBody>("application/json")
            .Produces<PriceQuote>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return endpoints;
    }
}
