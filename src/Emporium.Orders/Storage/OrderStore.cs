using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Orders;
using Emporium.Orders.Model;
using Emporium.Orders.Placing;

namespace Emporium.Orders.Storage;

/// <summary>An order after an operation, and whether the operation changed it (a replay does not).</summary>
internal sealed record OrderChange(OrderSnapshot Order, bool Changed);

/// <summary>
/// Places and changes orders. Each operation is one transaction that loads the order's events, decides
/// (<see cref="OrderDecider"/>), appends the new events, moves the projection row to their fold and
/// enqueues the integration events — or, for a replay, changes nothing.
/// </summary>
internal sealed class OrderStore(OrderWriter writer, Database database, IOutbox outbox)
{
    private static readonly Error KeyReused = new(
        ErrorKind.Unprocessable, "idempotency_key_reused", "This order id was used for a different order request.");

    private static readonly Error CheckoutOrdered = new(
        ErrorKind.Conflict, "checkout_already_ordered", "This checkout already has an order under another order id.");

    public Task<Result<OrderChange>> PlaceAsync(ValidPlaceOrder valid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(valid);
        var order = valid.Order;
        return writer.RunAsync<Result<OrderChange>>(async tx =>
        {
            var existing = await OrderRows.LoadAsync(database, tx.Connection, tx.Transaction, order.OrderId, forUpdate: false, cancellationToken);
            if (existing is not null)
            {
                return Replay(existing, valid.Fingerprint);
            }

            var place = new OrderCommand.Place(order.UserId, order.CheckoutId, order.Currency, order.Total, OrderActor.Checkout);
            var placed = OrderDecider.Decide(place, OrderState.None.Instance, tx.Now).Value.Single();
            if (!await OrderRows.InsertAsync(tx.Connection, tx.Transaction, order, valid.Fingerprint, tx.NowMs, cancellationToken))
            {
                // PostgreSQL: a concurrent placing of this id committed first (SQLite's single writer read it above);
                // either engine: this checkout was ordered under another id.
                await tx.Write.RollbackAsync(cancellationToken);
                var winner = await OrderRows.LoadAsync(database, tx.Connection, tx.Write.ReadTransaction, order.OrderId, forUpdate: false, cancellationToken);
                return winner is null ? CheckoutOrdered : Replay(winner, valid.Fingerprint);
            }

            var row = await OrderRows.LoadAsync(database, tx.Connection, tx.Transaction, order.OrderId, forUpdate: false, cancellationToken)
                ?? throw new InvalidOperationException($"Order {order.OrderId} vanished inside its own transaction.");
            await OrderRows.AppendAsync(tx.Connection, tx.Transaction, order.OrderId, OrderEventCodec.Encode(1, placed), cancellationToken);
            var items = order.Lines.Select(l => new OrderedItem(l.SkuId, l.SellerId, l.Quantity, l.LineTotal)).ToList();
            await OrderOutbox.PublishAsync(outbox, tx, row, from: null, placed, items);
            await tx.Write.CommitAsync(cancellationToken);
            return new OrderChange(row.ToSnapshot(), Changed: true);
        }, cancellationToken);
    }

    /// <summary>
    /// Decides <paramref name="command"/> on the order's folded events and saves the outcome. With an
    /// <paramref name="owner"/>, another user's order is answered as unknown (404), never as forbidden.
    /// </summary>
    public Task<Result<OrderChange>> ChangeAsync(string orderId, OrderCommand command, string? owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return writer.RunAsync<Result<OrderChange>>(async tx =>
        {
            var row = await OrderRows.LoadAsync(database, tx.Connection, tx.Transaction, orderId, forUpdate: true, cancellationToken);
            if (row is null || (owner is not null && !string.Equals(row.UserId, owner, StringComparison.Ordinal)))
            {
                return OrderDecider.Errors.NotFound;
            }

            var stored = await OrderRows.EventsAsync(tx.Connection, tx.Transaction, orderId, cancellationToken);
            var state = OrderState.Fold(stored.Select(OrderEventCodec.Decode));
            if (state is not OrderState.Existing current || current.Status != row.ParsedStatus || current.Version != row.Version)
            {
                throw new InvalidOperationException($"Order {orderId}'s row (status {row.Status}, version {row.Version}) does not match its events ({state}).");
            }

            var decision = OrderDecider.Decide(command, state, tx.Now);
            if (!decision.IsSuccess)
            {
                return decision.Error!;
            }

            if (decision.Value.Count == 0)
            {
                return new OrderChange(row.ToSnapshot(), Changed: false);
            }

            foreach (var @event in decision.Value)
            {
                var from = current.Status;
                current = (OrderState.Existing)OrderState.Evolve(current, @event);
                await OrderRows.AppendAsync(tx.Connection, tx.Transaction, orderId, OrderEventCodec.Encode(current.Version, @event), cancellationToken);
                await OrderOutbox.PublishAsync(outbox, tx, row, from, @event);
            }

            await OrderRows.UpdateAsync(tx.Connection, tx.Transaction, orderId, current.Status, (int)row.Version, current.Version, tx.NowMs, cancellationToken);
            await tx.Write.CommitAsync(cancellationToken);
            return new OrderChange(row.ToSnapshot(current.Status), Changed: true);
        }, cancellationToken);
    }

    public async Task<OrderSnapshot?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await OrderRows.LoadAsync(database, connection, null, orderId, forUpdate: false, cancellationToken);
        return row?.ToSnapshot();
    }

    /// <summary>A repeated placing answers the order its id made, as it is now — if it asks for the same.</summary>
    private static Result<OrderChange> Replay(OrderRow existing, string fingerprint) =>
        string.Equals(existing.Request, fingerprint, StringComparison.Ordinal) ? new OrderChange(existing.ToSnapshot(), Changed: false) : KeyReused;
}
