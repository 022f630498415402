using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Inventory;
using Emporium.Inventory.Reservations.Allocation;
using Emporium.Inventory.Reservations.Model;
using Emporium.Inventory.Stock;
using Emporium.Inventory.Warehouses;

namespace Emporium.Inventory.Reservations;

/// <summary>A reservation after an operation, and whether the operation changed it (a replay does not).</summary>
internal sealed record ReservationChange(StockReservation Reservation, bool Changed);

/// <summary>
/// Reserve, carve, commit, release, extend, expire, return. Each is one transaction that loads, decides
/// (<see cref="ReservationDecider"/>), applies the stock movements in (SKU, warehouse) order and saves
/// the reservation — or, for a replay, changes nothing. A carved reservation that gives its units up
/// offers them to its source in the same transaction (<see cref="ReservationCarving"/>).
/// </summary>
internal sealed class StockReservations(InventoryWriter writer, Database database, InventorySettings settings, TimeProvider clock) : IStockReservations
{
    internal static readonly Error KeyReused = new(ErrorKind.Unprocessable, "idempotency_key_reused", "This request key was used for a different reservation request.");

    public async Task<Result<StockReservation>> ReserveAsync(ReserveStockRequest request, CancellationToken cancellationToken)
    {
        var valid = ReserveRequestRules.Validate(request, settings.MaxHold);
        return valid.IsSuccess ? await writer.RunAsync(stock => ReserveAsync(stock, valid.Value), cancellationToken) : valid.Error!;
    }

    /// <summary>
    /// The request is validated as a reserve request, destination included (so a caller's mistake shows the
    /// same way), but the destination is not used: the units stay in the warehouses the source holds them in.
    /// </summary>
    public async Task<Result<StockReservation>> CarveAsync(string sourceReservationId, ReserveStockRequest request, CancellationToken cancellationToken)
    {
        var valid = ReserveRequestRules.Validate(request, settings.MaxHold);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        if (!ReservationView.TryParseId(sourceReservationId, out var sourceId))
        {
            return ReservationDecider.Errors.NotFound;
        }

        return await writer.RunAsync(stock => ReservationCarving.CarveAsync(database, stock, sourceId, valid.Value), cancellationToken);
    }

    public async Task<Result<StockReservation>> CommitAsync(string reservationId, CancellationToken cancellationToken) =>
        Unwrap(await ChangeAsync(reservationId, new ReservationCommand.Commit(), cancellationToken));

    public async Task<Result<StockReservation>> ReleaseAsync(string reservationId, CancellationToken cancellationToken) =>
        Unwrap(await ChangeAsync(reservationId, new ReservationCommand.Release(), cancellationToken));

    public async Task<Result<StockReservation>> ExtendAsync(string reservationId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (until > clock.GetUtcNow() + settings.MaxHold)
        {
            var errors = new ValidationErrors();
            errors.Add("until", $"At most {settings.MaxHold} from now.");
            return errors.ToError();
        }

        return Unwrap(await ChangeAsync(reservationId, new ReservationCommand.Extend(StockTransaction.ToStoredPrecision(until)), cancellationToken));
    }

    public async Task<Result<StockReservation>> ReturnAsync(string reservationId, CancellationToken cancellationToken) =>
        Unwrap(await ChangeAsync(reservationId, new ReservationCommand.Return(), cancellationToken));

    public async Task<Result<StockReservation>> GetAsync(string reservationId, CancellationToken cancellationToken)
    {
        if (!ReservationView.TryParseId(reservationId, out var id))
        {
            return ReservationDecider.Errors.NotFound;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await ReservationRows.LoadAsync(database, connection, null, id, forUpdate: false, cancellationToken);
        return stored is null ? ReservationDecider.Errors.NotFound : ReservationView.Of(id, stored.State);
    }

    /// <summary>Expires the reservation if its time is up; true when this call ended it.</summary>
    internal async Task<bool> ExpireAsync(long reservationId, CancellationToken cancellationToken)
    {
        var change = await ChangeAsync(reservationId.ToString(System.Globalization.CultureInfo.InvariantCulture), new ReservationCommand.Expire(), cancellationToken);
        return change.IsSuccess && change.Value.Changed;
    }

    internal async Task<Result<ReservationChange>> ChangeAsync(string reservationId, ReservationCommand command, CancellationToken cancellationToken)
    {
        if (!ReservationView.TryParseId(reservationId, out var id))
        {
            return ReservationDecider.Errors.NotFound;
        }

        return await writer.RunAsync<Result<ReservationChange>>(async stock =>
        {
            var change = await ChangeAsync(stock, id, command);
            if (change.IsSuccess && change.Value.Changed)
            {
                await stock.CommitAsync();
            }

            return change;
        }, cancellationToken);
    }

    /// <summary>
    /// Loads, decides and applies <paramref name="command"/> inside <paramref name="stock"/>, without
    /// committing: the caller commits (or, for an event handler, the inbox does). A refusal writes nothing.
    /// </summary>
    internal async Task<Result<ReservationChange>> ChangeAsync(StockTransaction stock, long id, ReservationCommand command)
    {
        ArgumentNullException.ThrowIfNull(stock);
        var stored = await ReservationRows.LoadAsync(database, stock.Connection, stock.Transaction, id, forUpdate: true, stock.CancellationToken);
        var state = stored?.State ?? ReservationState.None.Instance;
        var decision = ReservationDecider.Decide(command, state, stock.Now);
        if (!decision.IsSuccess)
        {
            return decision.Error!;
        }

        if (decision.Value.Count == 0)
        {
            return new ReservationChange(ReservationView.Of(id, state), Changed: false);
        }

        // A carved reservation giving its units up offers them to its source, whose row comes next.
        var refill = stored!.SourceId is { } sourceId
            ? await ReservationCarving.OfferAsync(database, stock, sourceId, ReservationDecider.GivenBack(state, decision.Value))
            : null;

        // After the reservations' rows: every change of a reservation takes its row, then its SKUs.
        await stock.LockSkusAsync(ReservationView.LinesOf(state).SkuIds);
        var endedBy = string.Empty;
        foreach (var @event in decision.Value)
        {
            foreach (var movement in ReservationMovements.For(id, state, @event))
            {
                _ = await stock.TryApplyAsync(movement)
                    ?? throw new InvalidOperationException($"Stock refused reservation {id}'s movement: {movement}.");
                endedBy = movement.Actor;
            }

            await ReservationRows.SaveAsync(stock.Connection, stock.Transaction, id, @event, stock.CancellationToken);
            state = ReservationState.Evolve(state, @event);
        }

        if (refill is not null)
        {
            // Whoever ended the carved reservation (its owner, or the expiry sweep) refills the source.
            await ReservationCarving.RefillAsync(stock, refill, id, endedBy);
        }

        return new ReservationChange(ReservationView.Of(id, state), Changed: true);
    }

    private async Task<Result<StockReservation>> ReserveAsync(StockTransaction stock, ValidReserveRequest request)
    {
        var skuIds = request.Lines.Select(l => l.SkuId).ToList();
        await stock.LockSkusAsync(skuIds);
        if (await ReservationRows.FindByKeyAsync(stock.Connection, stock.Transaction, request.RequestKey, stock.CancellationToken) is { } existing)
        {
            return await ReplayAsync(stock, stock.Transaction, existing, request);
        }

        var warehouses = await WarehouseStore.ListAsync(stock.Connection, stock.Transaction, stock.CancellationToken);
        var available = await StockLedger.AvailableAsync(database, stock.Connection, stock.Transaction, skuIds, stock.CancellationToken);
        var allocation = WarehouseAllocator.Allocate(request.Lines, request.Destination, warehouses, available);
        if (!allocation.IsSuccess)
        {
            return allocation.Error!;
        }

        var reserve = new ReservationCommand.Reserve(request.Owner, allocation.Value, StockTransaction.ToStoredPrecision(stock.Now + request.Hold));
        var reserved = (ReservationEvent.Reserved)ReservationDecider.Decide(reserve, ReservationState.None.Instance, stock.Now).Value.Single();
        var id = await ReservationRows.InsertAsync(stock.Connection, stock.Transaction, reserved, request.RequestKey, request.Fingerprint, sourceId: null, stock.CancellationToken);
        if (id is null)
        {
            // PostgreSQL only: a request with the same key but other SKUs (other locks) committed meanwhile.
            await stock.RollbackAsync();
            var winner = await ReservationRows.FindByKeyAsync(stock.Connection, null, request.RequestKey, stock.CancellationToken);
            return await ReplayAsync(stock, null, winner!.Value, request);
        }

        foreach (var movement in ReservationMovements.For(id.Value, ReservationState.None.Instance, reserved))
        {
            // The allocation was read under the SKU locks, so this holds; if it ever did not, the
            // conditional update refuses, nothing commits, and the caller hears "out of stock".
            if (await stock.TryApplyAsync(movement) is null)
            {
                return WarehouseAllocator.OutOfStock(request.Destination.Country, new Dictionary<string, string[]> { [movement.SkuId] = ["Taken meanwhile."] });
            }
        }

        await stock.CommitAsync();
        return ReservationView.Of(id.Value, ReservationState.None.Instance.Apply([reserved]));
    }

    /// <summary>A repeated request answers the reservation its key made, as it is now — if it asks for the same (a carve's key is not a reserve's).</summary>
    private async Task<Result<StockReservation>> ReplayAsync(StockTransaction stock, System.Data.Common.DbTransaction? transaction, long id, ValidReserveRequest request)
    {
        // Not FOR UPDATE: this runs under SKU locks, and a reservation's row is only ever taken before them.
        var stored = await ReservationRows.LoadAsync(database, stock.Connection, transaction, id, forUpdate: false, stock.CancellationToken);
        return stored!.SourceId is null && stored.Request == request.Fingerprint ? ReservationView.Of(id, stored.State) : KeyReused;
    }

    private static Result<StockReservation> Unwrap(Result<ReservationChange> change) =>
        change.IsSuccess ? change.Value.Reservation : change.Error!;
}
