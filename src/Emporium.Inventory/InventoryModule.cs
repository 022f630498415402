using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Security;
using Emporium.Contracts.Inventory;
using Emporium.Contracts.Orders;
using Emporium.Inventory.Adjusting;
using Emporium.Inventory.Reservations;
using Emporium.Inventory.Seeding;
using Emporium.Inventory.Stock;
using Emporium.Inventory.Viewing;
using Emporium.Inventory.Warehouses;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.Inventory;

/// <summary>The inventory module's registration: the only public surface of the module.</summary>
public static class InventoryModule
{
    /// <summary>
    /// Registers the stock ledger, reservations (<see cref="IStockReservations"/>), the reader other modules
    /// use (<see cref="IInventoryReader"/>), the expiry sweeper, the return of a cancelled order's stock
    /// (<see cref="OrderCancelled"/>) and, with demo data, the demo stock. Settings under
    /// <c>Emporium:Inventory</c>. Uses the outbox and inbox (<c>IOutbox</c>) the host registers.
    /// </summary>
    public static IServiceCollection AddInventoryModule(this IServiceCollection services, EmporiumOptions options, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddModuleSchema("inventory", typeof(InventoryModule).Assembly);
        services.AddSingleton(InventorySettings.From(configuration));
        services.AddSingleton<InventoryWriter>();
        services.AddSingleton<StockAdjustments>();
        services.AddSingleton<StockReservations>();
        services.AddSingleton<IStockReservations>(provider => provider.GetRequiredService<StockReservations>());
        services.AddSingleton<IInventoryReader, InventoryReader>();
        services.AddSingleton<ReservationExpiry>();
        services.AddIntegrationEventHandler<OrderCancelled, OrderCancelledHandler>();
        services.AddHostedService<ReservationExpirySweeper>();
        if (options.DemoData)
        {
            services.AddSingleton<IDataSeeder, DemoInventorySeeder>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapInventoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var inventory = endpoints.MapGroup("/api/inventory").WithTags("Inventory").RequireAuthorization(Policies.Seller);

        inventory.MapGet("/{skuId}", GetStock.Handle)
            .WithName("GetStock")
            .WithSummary("A SKU's stock per warehouse (on hand, reserved, available) and in total. Its seller or an admin.")
            .Produces<StockView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        inventory.MapPost("/{skuId}/adjustments", AdjustStock.Handle)
            .WithName("AdjustStock")
            .WithSummary("A receipt (delta > 0) or a correction in one warehouse; requires an Idempotency-Key header.")
            .WithDescription("The same key and body answer the same result without a second movement; another body with the key is 422. On hand never drops below reserved (409).")
            .Accepts<AdjustmentRequest>("application/json")
            .Produces<AdjustmentView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        inventory.MapGet("/{skuId}/movements", ListMovements.Handle)
            .WithName("ListStockMovements")
            .WithSummary($"The SKU's latest ledger entries (at most {ListMovements.Limit}), newest first.")
            .Produces<List<MovementView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var warehouses = endpoints.MapGroup("/api/admin/warehouses").WithTags("Inventory").RequireAuthorization(Policies.Admin);

        warehouses.MapPost("", WarehouseEndpoints.Create)
            .WithName("CreateWarehouse")
            .WithSummary("Add a warehouse: name, location, and the countries (ISO 3166-1 alpha-2) it ships to.")
            .Produces<WarehouseView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        warehouses.MapGet("", WarehouseEndpoints.List)
            .WithName("ListWarehouses")
            .WithSummary("Every warehouse.")
            .Produces<List<WarehouseView>>();

        return endpoints;
    }
}
