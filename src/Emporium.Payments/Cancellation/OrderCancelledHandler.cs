using System.Data.Common;
using Emporium.BuildingBlocks.Messaging;
using Emporium.Contracts.Orders;

namespace Emporium.Payments.Cancellation;

/// <summary>
/// An order was cancelled: its payment is to be voided (authorized) or refunded (captured). This runs
/// inside the inbox transaction, so it only records the request there, through the connection it is
/// given; <see cref="CancellationWorker"/> calls the gateway once that is committed. Calling the
/// gateway from here would hold the inbox transaction (on SQLite, the only write lock) across a network
/// call, and the sandbox gateway, which writes too, would wait for it for ever.
/// </summary>
internal sealed class OrderCancelledHandler(CancellationSignal signal, TimeProvider clock) : IIntegrationEventHandler<OrderCancelled>
{
    public async Task HandleAsync(OrderCancelled message, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.PaymentId))
        {
            return; // nothing was paid (or the order never had a payment): nothing to give back
        }

        await CancellationRequests.AddAsync(connection, transaction, message.OrderId, message.PaymentId, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);

        // A nudge, not a promise: the transaction commits after this returns, and the worker also polls.
        signal.Wake();
    }
}
