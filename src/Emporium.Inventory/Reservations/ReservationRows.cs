using System.Data.Common;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Inventory.Reservations.Model;

namespace Emporium.Inventory.Reservations;

/// <summary>
/// A reservation as stored: its id, the request that made it (for idempotency), its state, and for one
/// carved from another, that one's id (<paramref name="SourceId"/>).
/// </summary>
internal sealed record StoredReservation(long Id, string Request, ReservationState State, long? SourceId);

/// <summary>Reservations in <c>inventory_reservations</c> and <c>inventory_reservation_lines</c>.</summary>
internal static class ReservationRows
{
    /// <summary>
    /// Loads a reservation; <paramref name="forUpdate"/> holds its row on PostgreSQL so that changes of one
    /// reservation queue behind each other (SQLite has one writer anyway). A change takes the row before
    /// its SKUs' locks; nothing may take it after them. A carved reservation's row is taken before its
    /// source's (a child always has the higher id), never after.
    /// </summary>
    public static async Task<StoredReservation?> LoadAsync(
        Database database, DbConnection connection, DbTransaction? transaction, long id, bool forUpdate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var lockRow = forUpdate && database.IsPostgres ? " FOR UPDATE" : string.Empty;
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT owner AS Owner, request AS Request, state AS State, expires_at AS ExpiresAt, ended_at AS EndedAt, source_id AS SourceId FROM inventory_reservations WHERE id = @id" + lockRow,
            new { id },
            transaction,
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var lines = ReservationLines.Of((await connection.QueryAsync<(string SkuId, long WarehouseId, long Quantity)>(new CommandDefinition(
                "SELECT sku_id, warehouse_id, quantity FROM inventory_reservation_lines WHERE reservation_id = @id",
                new { id },
                transaction,
                cancellationToken: cancellationToken)))
            .Select(l => new ReservationLine(l.SkuId, l.WarehouseId, (int)l.Quantity)));
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt);
        ReservationState state = row.State switch
        {
            "pending" => new ReservationState.Pending(row.Owner, lines, expiresAt),
            var ended => new ReservationState.Ended(row.Owner, lines, expiresAt, ParseEnd(ended), DateTimeOffset.FromUnixTimeMilliseconds(row.EndedAt!.Value)),
        };
        return new StoredReservation(id, row.Request, state, row.SourceId);
    }

    public static Task<long?> FindByKeyAsync(DbConnection connection, DbTransaction? transaction, string requestKey, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM inventory_reservations WHERE request_key = @requestKey", new { requestKey }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Inserts a new reservation with its lines (carved from <paramref name="sourceId"/>, if given); null
    /// when another transaction took the key first.
    /// </summary>
    public static async Task<long?> InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        ReservationEvent.Reserved reserved,
        string requestKey,
        string request,
        long? sourceId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            INSERT INTO inventory_reservations (owner, request_key, request, state, created_at, expires_at, source_id)
            VALUES (@Owner, @requestKey, @request, 'pending', @CreatedAt, @ExpiresAt, @sourceId)
            ON CONFLICT (request_key) DO NOTHING
            RETURNING id
            """,
            new { reserved.Owner, requestKey, request, CreatedAt = reserved.At.ToUnixTimeMilliseconds(), ExpiresAt = reserved.ExpiresAt.ToUnixTimeMilliseconds(), sourceId },
            transaction,
            cancellationToken: cancellationToken));
        if (id is null)
        {
            return null;
        }

        await SaveLinesAsync(connection, transaction, id.Value, ReservationLines.Empty, reserved.Lines, cancellationToken);
        return id;
    }

    /// <summary>
    /// Writes the change of a pending reservation's lines from <paramref name="before"/> to <paramref name="after"/>
    /// (a carve or a refill): a line that drops to nothing is deleted, one that appears is inserted.
    /// </summary>
    public static async Task SaveLinesAsync(
        DbConnection connection, DbTransaction transaction, long id, ReservationLines before, ReservationLines after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var pairs = before.Concat(after).Select(l => (l.SkuId, l.WarehouseId)).Distinct();
        foreach (var (skuId, warehouseId) in pairs)
        {
            var (was, quantity) = (before.QuantityOf(skuId, warehouseId), after.QuantityOf(skuId, warehouseId));
            var sql = (was, quantity) switch
            {
                _ when was == quantity => null,
                (0, _) => "INSERT INTO inventory_reservation_lines (reservation_id, sku_id, warehouse_id, quantity) VALUES (@id, @skuId, @warehouseId, @quantity)",
                (_, 0) => "DELETE FROM inventory_reservation_lines WHERE reservation_id = @id AND sku_id = @skuId AND warehouse_id = @warehouseId",
                _ => "UPDATE inventory_reservation_lines SET quantity = @quantity WHERE reservation_id = @id AND sku_id = @skuId AND warehouse_id = @warehouseId",
            };
            if (sql is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(sql, new { id, skuId, warehouseId, quantity }, transaction, cancellationToken: cancellationToken));
            }
        }
    }

    /// <summary>
    /// Saves an event that follows <c>pending</c> (or, for a return, <c>committed</c>). The state condition
    /// is the database's own guard that a reservation ends once and is returned once; the caller holds
    /// the row, so it always matches.
    /// </summary>
    public static async Task SaveAsync(DbConnection connection, DbTransaction transaction, long id, ReservationEvent @event, CancellationToken cancellationToken)
    {
        var (sql, parameters) = @event switch
        {
            ReservationEvent.Extended extended => (
                "UPDATE inventory_reservations SET expires_at = @At WHERE id = @id AND state = 'pending'",
                new { id, State = "pending", At = extended.ExpiresAt.ToUnixTimeMilliseconds() }),
            ReservationEvent.Committed or ReservationEvent.Released or ReservationEvent.Expired => (
                "UPDATE inventory_reservations SET state = @State, ended_at = @At WHERE id = @id AND state = 'pending'",
                new { id, State = EndName(@event), At = @event.At.ToUnixTimeMilliseconds() }),
            ReservationEvent.Returned => (
                "UPDATE inventory_reservations SET state = @State, returned_at = @At WHERE id = @id AND state = 'committed'",
                new { id, State = "returned", At = @event.At.ToUnixTimeMilliseconds() }),
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "Not an event that follows pending or committed."),
        };
        var updated = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        if (updated != 1)
        {
            throw new InvalidOperationException($"Reservation {id} was not in a state that {@event.GetType().Name} can follow.");
        }
    }

    /// <summary>Pending reservations whose time is up, oldest first.</summary>
    public static async Task<IReadOnlyList<long>> DueAsync(DbConnection connection, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM inventory_reservations WHERE state = 'pending' AND expires_at <= @now ORDER BY expires_at, id LIMIT @limit",
            new { now = now.ToUnixTimeMilliseconds(), limit },
            cancellationToken: cancellationToken))).ToList();

    private static string EndName(ReservationEvent @event) => @event switch
    {
        ReservationEvent.Committed => "committed",
        ReservationEvent.Released => "released",
        _ => "expired",
    };

    private static ReservationEnd ParseEnd(string state) => state switch
    {
        "committed" => ReservationEnd.Committed,
        "released" => ReservationEnd.Released,
        "expired" => ReservationEnd.Expired,
        "returned" => ReservationEnd.Returned,
        _ => throw new InvalidOperationException($"Unknown reservation state '{state}'."),
    };

    private sealed class Row
    {
        public string Owner { get; init; } = string.Empty;

        public string Request { get; init; } = string.Empty;

        public string State { get; init; } = string.Empty;

        public long ExpiresAt { get; init; }

        public long? EndedAt { get; init; }

        public long? SourceId { get; init; }
    }
}
