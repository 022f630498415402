using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Security;
using Emporium.Contracts.Orders;
using Emporium.Orders.Cancelling;
using Emporium.Orders.Placing;
using Emporium.Orders.Staff;
using Emporium.Orders.Storage;
using Emporium.Orders.Viewing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.Orders;

/// <summary>The orders module's registration: the only public surface of the module.</summary>
public static class OrdersModule
{
    /// <summary>
    /// Registers the order store and <see cref="IOrderPlacement"/> (what checkout uses). Orders publish
    /// <c>OrderPlaced</c>, <c>OrderStatusChanged</c> and <c>OrderCancelled</c> through the outbox (<c>IOutbox</c>) the host registers.
    /// </summary>
    public static IServiceCollection AddOrdersModule(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddModuleSchema("orders", typeof(OrdersModule).Assembly);
        services.AddSingleton<OrderWriter>();
        services.AddSingleton<OrderStore>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<SellerOrderQueries>();
        services.AddSingleton<IOrderPlacement, OrderPlacement>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrdersEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization(Policies.SignedIn);

        orders.MapGet("", ListOrders.Handle)
            .WithName("ListOrders")
            .WithSummary($"The caller's orders, newest first: page from 1, pageSize from 1 to {ListOrders.MaxPageSize} (default {ListOrders.DefaultPageSize}).")
            .Produces<OrderPage>()
            .ProducesValidationProblem();

        orders.MapGet("/{orderId}", GetOrder.ForBuyer)
            .WithName("GetOrder")
            .WithSummary("One of the caller's orders: lines, totals, shipping address, status, its event history and shipments. Carries an ETag.")
            .WithDescription("Another user's order is 404, exactly like an unknown one. Event actors are shown as customer, staff or system.")
            .Produces<OrderView>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        orders.MapPost("/{orderId}/cancel", CancelOrder.Handle)
            .WithName("CancelOrder")
            .WithSummary("Cancels the caller's order before it ships (optional body { reason }); stock is released and the payment voided or refunded.")
            .WithDescription("Cancelling a cancelled order changes nothing and answers 200; after shipping it is 409 order_transition_refused.")
            .Accepts<CancelOrderRequest>("application/json")
            .Produces<OrderView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var staff = endpoints.MapGroup("/api/admin/orders").WithTags("Orders").RequireAuthorization(Policies.Admin);

        staff.MapGet("/{orderId}", GetOrder.ForStaff)
            .WithName("GetOrderForStaff")
            .WithSummary("Any order, with its buyer, payment and reservation ids and the recorded actor of each event. Carries an ETag.")
            .Produces<OrderView>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        staff.MapPost("/{orderId}/transitions", TransitionOrder.Handle)
            .WithName("TransitionOrder")
            .WithSummary($"Moves an order to one of: {string.Join(", ", TransitionRules.Targets)} (carrier and trackingNumber for shipped; reason required for refunded).")
            .WithDescription("The order's state machine decides: a move it does not allow is 409 order_transition_refused naming both statuses; asking for the current status changes nothing.")
            .Accepts<TransitionRequest>("application/json")
            .Produces<OrderView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return endpoints;
    }
}
