using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Security;
using Emporium.Checkout.Placing;
using Emporium.Checkout.Recovery;
using Emporium.Checkout.Saga;
using Emporium.Checkout.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.Checkout;

/// <summary>The checkout module's registration: the only public surface of the module.</summary>
public static class CheckoutModule
{
    /// <summary>
    /// Registers the checkout saga (its store, executor and steps), the idempotent request coordinator and
    /// the recovery worker (off with <c>Emporium:Checkout:RecoveryEnabled=false</c>). Settings under
    /// <c>Emporium:Checkout</c>. Uses the carts, pricing, inventory, payments and orders contracts.
    /// </summary>
    public static IServiceCollection AddCheckoutModule(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddModuleSchema("checkout", typeof(CheckoutModule).Assembly);
        services.AddSingleton(CheckoutSettings.From(configuration));
        services.AddSingleton<SagaStore>();
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<PaymentCalls>();
        services.AddSingleton<SagaSteps>();
        services.AddSingleton<SagaExecutor>();
        services.AddSingleton<CheckoutCoordinator>();
        services.AddSingleton<SagaRecovery>();
        if (configuration.GetValue("Emporium:Checkout:RecoveryEnabled", true))
        {
            services.AddHostedService<SagaRecoveryWorker>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapCheckoutEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/checkout", PlaceCheckout.Handle)
            .WithTags("Checkout")
            .RequireAuthorization(Policies.SignedIn)
            .WithName("PlaceCheckout")
            .WithSummary("Checks out the signed-in user's cart: quote, reserve stock, authorize, place the order, capture. Requires an Idempotency-Key header.")
            .WithDescription(
                "Prices come from the server; the body carries only the shipping address and a card token from POST /api/payments/tokens. " +
                "The same key and body return the same answer (Idempotent-Replayed: true) for as long as the checkout is kept; another body with the key is 422; " +
                "a request made while the first with its key is still running waits for that answer. 409 names the SKUs out of stock; 402 carries the decline reason.")
            .Accepts<CheckoutRequest>("application/json")
            .Produces<CheckoutCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }
}
