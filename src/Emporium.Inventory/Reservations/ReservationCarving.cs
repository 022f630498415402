using System.Data.Common;
using System.Globalization;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Inventory;
using Emporium.Inventory.Reservations.Model;
using Emporium.Inventory.Stock;

namespace Emporium.Inventory.Reservations;

/// <summary>A source reservation about to take back what a reservation carved from it gives up.</summary>
internal sealed record SourceRefill(long SourceId, ReservationState.Pending Before, ReservationEvent.Refilled Refilled);

/// <summary>
/// Carving: units a pending reservation (a flash sale's allotment) holds move into a new reservation of
/// their own (one buyer's checkout), and come back into the source if that one is released or expires
/// while the source still holds stock. Both directions are one transaction that takes the reservations'
/// rows — the carved one's before its source's — then the SKUs' locks, and moves no stock figure: a
/// release on one reservation and a hold on the other, on the same stock row.
/// </summary>
internal static class ReservationCarving
{
    /// <summary>
    /// What a repeat with the same key must ask for again: the owner and the lines (with the source, which
    /// the stored row keeps apart). The destination is validated but not used, so not compared either.
    /// </summary>
    public static string Fingerprint(ValidReserveRequest request) =>
        $"{request.Owner}|{string.Join(';', request.Lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.SkuId}x{l.Quantity}")))}";

    /// <summary>Carves <paramref name="request"/>'s lines out of <paramref name="sourceId"/> inside <paramref name="stock"/>, committing it on success.</summary>
    public static async Task<Result<StockReservation>> CarveAsync(Database database, StockTransaction stock, long sourceId, ValidReserveRequest request)
    {
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(request);
        var fingerprint = Fingerprint(request);
        if (await ReservationRows.FindByKeyAsync(stock.Connection, stock.Transaction, request.RequestKey, stock.CancellationToken) is { } existing)
        {
            // Answered before the source is looked at: a retry after the source ended still hears what it made.
            return await ReplayAsync(database, stock, stock.Transaction, existing, sourceId, fingerprint);
        }

        // The source's row first (carves of one source queue here), then the SKUs: the order every change takes.
        var source = await ReservationRows.LoadAsync(database, stock.Connection, stock.Transaction, sourceId, forUpdate: true, stock.CancellationToken);
        var before = source?.State ?? ReservationState.None.Instance;
        var decision = ReservationDecider.Decide(new ReservationCommand.Carve(request.Lines), before, stock.Now);
        if (!decision.IsSuccess)
        {
            return decision.Error!;
        }

        var carved = (ReservationEvent.CarvedOut)decision.Value.Single();
        var reserve = new ReservationCommand.Reserve(request.Owner, carved.Lines, StockTransaction.ToStoredPrecision(stock.Now + request.Hold));
        var reserved = (ReservationEvent.Reserved)ReservationDecider.Decide(reserve, ReservationState.None.Instance, stock.Now).Value.Single();

        // SKU locks before the insert, as a reserve takes them: a reserve and a carve racing with one key
        // then wait for each other at the SKUs, never in a cycle between a SKU and the key.
        await stock.LockSkusAsync(carved.Lines.SkuIds);
        var childId = await ReservationRows.InsertAsync(stock.Connection, stock.Transaction, reserved, request.RequestKey, fingerprint, sourceId, stock.CancellationToken);
        if (childId is null)
        {
            // PostgreSQL only: a request with the same key committed meanwhile (from another source, or a reserve).
            await stock.RollbackAsync();
            var winner = await ReservationRows.FindByKeyAsync(stock.Connection, null, request.RequestKey, stock.CancellationToken);
            return await ReplayAsync(database, stock, null, winner!.Value, sourceId, fingerprint);
        }

        foreach (var movement in ReservationMovements.Carve(sourceId, childId.Value, request.Owner, carved))
        {
            // The source holds these units under its row lock, so the ledger cannot refuse; if it ever did,
            // nothing commits.
            _ = await stock.TryApplyAsync(movement)
                ?? throw new InvalidOperationException($"Stock refused carving reservation {childId} out of {sourceId}: {movement}.");
        }

        var pending = (ReservationState.Pending)before;
        await ReservationRows.SaveLinesAsync(
            stock.Connection, stock.Transaction, sourceId, pending.Lines, pending.Lines.Minus(carved.Lines), stock.CancellationToken);
        await stock.CommitAsync();
        return ReservationView.Of(childId.Value, ReservationState.None.Instance.Apply([reserved]));
    }

    /// <summary>
    /// For a carved reservation giving <paramref name="givenBack"/> up: takes its source's row (after the
    /// carved one's, before the SKUs) and decides whether the source takes the units back. Null when it
    /// does not — it ended or its time is up — and the units go to the shelf.
    /// </summary>
    public static async Task<SourceRefill?> OfferAsync(Database database, StockTransaction stock, long sourceId, ReservationLines givenBack)
    {
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(givenBack);
        if (givenBack.Count == 0)
        {
            return null;
        }

        var source = await ReservationRows.LoadAsync(database, stock.Connection, stock.Transaction, sourceId, forUpdate: true, stock.CancellationToken);
        var decision = ReservationDecider.Decide(new ReservationCommand.Refill(givenBack), source?.State ?? ReservationState.None.Instance, stock.Now);
        return decision.IsSuccess && decision.Value is [ReservationEvent.Refilled refilled] && source!.State is ReservationState.Pending pending
            ? new SourceRefill(sourceId, pending, refilled)
            : null;
    }

    /// <summary>Puts the units back into the source: after the carved reservation's own release or expiry, so reserved never runs short.</summary>
    public static async Task RefillAsync(StockTransaction stock, SourceRefill refill, long childId, string actor)
    {
        ArgumentNullException.ThrowIfNull(stock);
        ArgumentNullException.ThrowIfNull(refill);
        foreach (var movement in ReservationMovements.Refill(refill.SourceId, childId, actor, refill.Refilled))
        {
            _ = await stock.TryApplyAsync(movement)
                ?? throw new InvalidOperationException($"Stock refused refilling reservation {refill.SourceId} from {childId}: {movement}.");
        }

        var after = (ReservationState.Pending)ReservationState.Evolve(refill.Before, refill.Refilled);
        await ReservationRows.SaveLinesAsync(stock.Connection, stock.Transaction, refill.SourceId, refill.Before.Lines, after.Lines, stock.CancellationToken);
    }

    /// <summary>A repeated carve answers the reservation its key made, as it is now — if it asks for the same from the same source.</summary>
    private static async Task<Result<StockReservation>> ReplayAsync(
        Database database, StockTransaction stock, DbTransaction? transaction, long id, long sourceId, string fingerprint)
    {
        // Not FOR UPDATE: a replay changes nothing, and this transaction holds no lock that such a wait could cross.
        var stored = await ReservationRows.LoadAsync(database, stock.Connection, transaction, id, forUpdate: false, stock.CancellationToken);
        return stored!.SourceId == sourceId && stored.Request == fingerprint ? ReservationView.Of(id, stored.State) : StockReservations.KeyReused;
    }
}
