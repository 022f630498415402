using System.Data.Common;
using Emporium.BuildingBlocks.Messaging;
using Emporium.Contracts.Orders;
using Emporium.Inventory.Reservations.Model;
using Emporium.Inventory.Stock;
using Microsoft.Extensions.Logging;

namespace Emporium.Inventory.Reservations;

/// <summary>
/// An order cancelled before shipping gives its stock back: its reservation is returned (sold units go
/// back on hand where they were taken from) or, if it was never committed, released. Runs inside the
/// inbox transaction, through its connection: on SQLite that transaction already holds the only write
/// lock. Returning is idempotent by reservation, so a saga that released the reservation itself, or a
/// second cancellation event, changes nothing.
/// </summary>
internal sealed class OrderCancelledHandler(InventoryWriter writer, StockReservations reservations, ILogger<OrderCancelledHandler> logger)
    : IIntegrationEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled message, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!ReservationView.TryParseId(message.ReservationId, out var id))
        {
            // Retrying cannot make an id that was never ours known: note it and let the message go.
            logger.LogWarning("Order {OrderId} was cancelled with reservation '{ReservationId}', which is not an inventory reservation id; nothing to return",
                message.OrderId, message.ReservationId);
            return;
        }

        var stock = writer.Join(connection, transaction, cancellationToken);
        var change = await reservations.ChangeAsync(stock, id, new ReservationCommand.Return());
        if (!change.IsSuccess)
        {
            // Return refuses only an unknown reservation, and no retry will find it.
            logger.LogWarning("Order {OrderId} was cancelled with reservation {ReservationId}: {Code}; nothing to return",
                message.OrderId, message.ReservationId, change.Error!.Code);
            return;
        }

        if (change.Value.Changed)
        {
            await stock.PublishAsync();
            logger.LogInformation("Order {OrderId} cancelled: reservation {ReservationId} is now {Status}",
                message.OrderId, message.ReservationId, change.Value.Reservation.Status);
        }
    }
}
