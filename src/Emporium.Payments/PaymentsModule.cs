using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Security;
using Emporium.Contracts.Orders;
using Emporium.Contracts.Payments;
using Emporium.Payments.Admin;
using Emporium.Payments.Cancellation;
using Emporium.Payments.Gateway;
using Emporium.Payments.Gateway.Sandbox;
using Emporium.Payments.Payments;
using Emporium.Payments.Storage;
using Emporium.Payments.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.Payments;

/// <summary>The payments module's registration: the only public surface of the module.</summary>
public static class PaymentsModule
{
    /// <summary>
    /// Registers <see cref="IPayments"/> over the built-in sandbox gateway (settings under
    /// <c>Emporium:Payments:Sandbox</c>), and the handler that voids or refunds the payment of a
    /// cancelled order (<see cref="OrderCancelled"/>) with the worker that does it.
    /// </summary>
    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddModuleSchema("payments", typeof(PaymentsModule).Assembly);
        services.AddSingleton<PaymentsWriter>();
        services.AddSingleton<KeyedLocks>();

        services.AddSingleton(SandboxSettings.From(configuration));
        services.AddSingleton<SandboxFaults>();
        services.AddSingleton<SandboxTokenizer>();
        services.AddSingleton<SandboxGateway>();
        services.AddSingleton<IPaymentGateway>(provider => provider.GetRequiredService<SandboxGateway>());

        services.AddSingleton<PaymentService>();
        services.AddSingleton<IPayments>(provider => provider.GetRequiredService<PaymentService>());

        services.AddSingleton<CancellationSignal>();
        services.AddSingleton<PaymentCompensation>();
        services.AddHostedService<CancellationWorker>();
        services.AddIntegrationEventHandler<OrderCancelled, OrderCancelledHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapPaymentsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/payments/tokens", CreateToken.Handle)
            .WithTags("Payments")
            .AllowAnonymous()
            .WithName("CreatePaymentToken")
            .WithSummary("Tokenize a test card at the sandbox gateway. The card number and CVC are never stored or logged.")
            .WithDescription(
                "In a real deployment this happens in the browser, with the provider's publishable key. Only the sandbox's test cards are accepted " +
                "(4242424242424242 and 5555555555554444 approve, 4000000000000002 declines, 4000000000009995 has insufficient funds, " +
                "4000000000000259 authorizes but its captures time out); any other valid number is 422. The token is single-use and lasts an hour.")
            .Accepts<CardRequest>("application/json")
            .Produces<IssuedToken>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var admin = endpoints.MapGroup("/api/admin/payments").WithTags("Payments").RequireAuthorization(Policies.Admin);

        admin.MapGet("/{paymentId}", AdminPaymentEndpoints.Get)
            .WithName("GetPayment")
            .WithSummary("A payment: status, amounts, and the card by brand and last four digits.")
            .Produces<PaymentView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/{paymentId}/refunds", AdminPaymentEndpoints.Refund)
            .WithName("RefundPayment")
            .WithSummary("Refund part or (no amount) all of what is left of a captured payment; requires an Idempotency-Key header.")
            .WithDescription("The same key answers the payment as it is now without a second refund; the same key with another amount is 422. Beyond what is left: 422. Not captured: 409.")
            .Accepts<RefundRequest>("application/json")
            .Produces<PaymentView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return endpoints;
    }
}
