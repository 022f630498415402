using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.FlashSales.WaitingRoom;

/// <summary>The registrations and routes of this feature folder (called by <see cref="FlashSalesModule"/>).</summary>
internal static class WaitingRoomFeature
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IWaitingRoom, InProcessWaitingRoom>();

        // IDataProtectionProvider comes from the accounts module, with its keys on disk or, scaled out, in the shared database.
        services.AddSingleton<PurchaseTokens>();
        services.AddSingleton<IPurchaseAdmission>(provider => provider.GetRequiredService<PurchaseTokens>());
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var queue = endpoints.MapGroup("/api/flash-sales/{saleId}/queue").WithTags("Flash sales").RequireAuthorization(Policies.SignedIn);

        queue.MapPost("", QueueEndpoints.Join)
            .WithName("JoinFlashSaleQueue")
            .WithSummary("Join a sale's waiting room: a ticket with its position (how many are ahead) and an estimated wait; the same buyer again gets the same ticket (200).")
            .WithDescription(
                "Tickets are admitted first come, first served at the sale's admitPerSecond from its start (joining before the start is allowed). "
                + "An admitted ticket carries a purchaseToken (bound to the sale and the buyer, valid until purchaseTokenExpiresAt) for POST /api/flash-sales/{saleId}/purchase. "
                + "Unknown sale 404 sale_not_found; a sale without a waiting room 409 no_waiting_room; ended 410 sale_ended; sold out 410 sold_out; "
                + "the queue holds at most QueueCapFactor × the sale's quantity tickets, beyond that 410 queue_full.")
            .Produces<QueueTicketView>(StatusCodes.Status201Created)
            .Produces<QueueTicketView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);

        queue.MapGet("/{ticket}", QueueEndpoints.Get)
            .WithName("GetFlashSaleQueueTicket")
            .WithSummary("Where the caller's ticket stands: waiting (position, estimated wait) or admitted with a fresh purchase token.")
            .WithDescription(
                "Another buyer's ticket, or one the waiting room does not know (forged, or issued before a restart of a single-process deployment: join again), is 404 ticket_not_found. "
                + "Once the sale has ended or sold out, 410 sale_ended or sold_out.")
            .Produces<QueueTicketView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
    }
}
