using Dapper;
using Emporium.BuildingBlocks.Messaging;
using Emporium.Contracts.Inventory;
using Emporium.Contracts.Orders;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Returning a reservation for an order cancelled before shipping — called directly
/// (<see cref="IStockReservations.ReturnAsync"/>) and as the inventory's answer to <see cref="OrderCancelled"/>
/// delivered through the outbox — seen through the seller's stock view, the ledger and its invariants.
/// </summary>
public abstract class ReservationReturnTests(AppFixture fixture)
{
    private const string Consumer = "Emporium.Inventory.Reservations.OrderCancelledHandler";
    private readonly EmporiumApp _app = fixture.App;
    private readonly IStockReservations _reservations = fixture.App.Services.GetRequiredService<IStockReservations>();

    /// <summary>
    /// Two SKUs of one seller in London (2 and 3 units) and Berlin (3 and 0), both shipping to GB; four
    /// units of the first to Manchester must be split: 2 from London, 2 from Berlin.
    /// </summary>
    private async Task<(TestUsers.SignedIn Seller, string[] Skus, string London, string Berlin)> StockAsync()
    {
        var seller = await TestUsers.SellerAsync(_app);
        var admin = (await TestUsers.AdminAsync(_app)).Client;
        var skus = await InventoryApi.SellerSkusAsync(_app, seller.Client, variants: 2);
        var london = await InventoryApi.WarehouseAsync(admin, 51.5, -0.12, "GB");
        var berlin = await InventoryApi.WarehouseAsync(admin, 52.52, 13.4, "GB", "DE");
        await InventoryApi.ReceiveAsync(seller.Client, skus[0], london, 2);
        await InventoryApi.ReceiveAsync(seller.Client, skus[1], london, 3);
        await InventoryApi.ReceiveAsync(seller.Client, skus[0], berlin, 3);
        return (seller, skus, london, berlin);
    }

    private async Task<StockReservation> ReserveAsync(params (string Sku, int Quantity)[] lines)
    {
        var key = Guid.NewGuid().ToString("N");
        var result = await _reservations.ReserveAsync(
            new ReserveStockRequest("checkout:" + key, key, lines.Select(l => new ReserveStockLine(l.Sku, l.Quantity)).ToList(), new StockDestination("GB", 53.48, -2.24), TimeSpan.FromMinutes(15)),
            CancellationToken.None);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }

    private async Task<StockReservation> CommittedAsync(params (string Sku, int Quantity)[] lines)
    {
        var held = await ReserveAsync(lines);
        (await _reservations.CommitAsync(held.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Committed);
        return held;
    }

    private async Task<StockReservation> ReturnAsync(string reservationId)
    {
        var result = await _reservations.ReturnAsync(reservationId, CancellationToken.None);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }

    private async Task<long> CountAsync(string sql, object parameters)
    {
        await using var connection = await _app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    private Task<long> ReturnMovementsAsync(string reservationId) =>
        CountAsync("SELECT COUNT(*) FROM inventory_movements WHERE kind = 'return' AND reservation_id = @id", new { id = long.Parse(reservationId, System.Globalization.CultureInfo.InvariantCulture) });

    [Fact]
    public async Task A_committed_reservation_returned_puts_its_units_back_on_hand_in_the_warehouses_they_left_and_the_ledger_balances()
    {
        var (seller, skus, london, berlin) = await StockAsync();
        var sold = await CommittedAsync((skus[0], 4), (skus[1], 1));
        sold.Lines.ShouldBe([new(skus[0], london, 2), new(skus[0], berlin, 2), new(skus[1], london, 1)], ignoreOrder: true);
        (await InventoryApi.StockAsync(seller.Client, skus[0])).Warehouses.ShouldBe(
            new Dictionary<string, (int, int, int)> { [london] = (0, 0, 0), [berlin] = (1, 0, 1) });

        var returned = await ReturnAsync(sold.ReservationId);

        returned.Status.ShouldBe(ReservationStatus.Returned);
        returned.Lines.ShouldBe(sold.Lines, ignoreOrder: true);
        (await _reservations.GetAsync(sold.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Returned);
        (await InventoryApi.StockAsync(seller.Client, skus[0])).Warehouses.ShouldBe(
            new Dictionary<string, (int, int, int)> { [london] = (2, 0, 2), [berlin] = (3, 0, 3) });
        (await InventoryApi.StockAsync(seller.Client, skus[1])).Warehouses.ShouldBe(new Dictionary<string, (int, int, int)> { [london] = (3, 0, 3) });

        var movements = await seller.Client.GetJsonAsync($"/api/inventory/{skus[0]}/movements");
        movements.EnumerateArray()
            .Where(m => m.GetProperty("kind").GetString() == "return")
            .Select(m => (m.GetProperty("warehouseId").GetString(), m.GetProperty("onHandDelta").GetInt32(), m.GetProperty("reservedDelta").GetInt32(), m.GetProperty("reservationId").GetString()))
            .ShouldBe([(london, 2, 0, sold.ReservationId), (berlin, 2, 0, sold.ReservationId)], ignoreOrder: true);
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Returning_twice_returns_the_units_once_and_a_returned_reservation_cannot_be_committed_again()
    {
        var (seller, skus, london, berlin) = await StockAsync();
        var sold = await CommittedAsync((skus[0], 4));

        (await ReturnAsync(sold.ReservationId)).Status.ShouldBe(ReservationStatus.Returned);
        (await ReturnAsync(sold.ReservationId)).Status.ShouldBe(ReservationStatus.Returned);

        (await InventoryApi.StockAsync(seller.Client, skus[0])).Warehouses.ShouldBe(
            new Dictionary<string, (int, int, int)> { [london] = (2, 0, 2), [berlin] = (3, 0, 3) });
        (await ReturnMovementsAsync(sold.ReservationId)).ShouldBe(2);
        (await _reservations.CommitAsync(sold.ReservationId, CancellationToken.None)).Error!.Code.ShouldBe("reservation_ended");
        (await _reservations.ReleaseAsync(sold.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Returned);
        (await InventoryApi.StockAsync(seller.Client, skus[0])).Total.ShouldBe((5, 0, 5));
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Returning_a_pending_reservation_releases_it_and_a_released_one_is_answered_unchanged()
    {
        var (seller, skus, _, _) = await StockAsync();
        var held = await ReserveAsync((skus[1], 2));
        (await InventoryApi.StockAsync(seller.Client, skus[1])).Total.ShouldBe((3, 2, 1));

        var returned = await ReturnAsync(held.ReservationId);

        returned.Status.ShouldBe(ReservationStatus.Released, "nothing was sold, so nothing goes back on hand: the hold ends");
        (await InventoryApi.StockAsync(seller.Client, skus[1])).Total.ShouldBe((3, 0, 3));
        (await ReturnAsync(held.ReservationId)).Status.ShouldBe(ReservationStatus.Released);
        (await InventoryApi.StockAsync(seller.Client, skus[1])).Total.ShouldBe((3, 0, 3));
        (await ReturnMovementsAsync(held.ReservationId)).ShouldBe(0);
        (await CountAsync("SELECT COUNT(*) FROM inventory_movements WHERE kind = 'release' AND reservation_id = @id", new { id = long.Parse(held.ReservationId, System.Globalization.CultureInfo.InvariantCulture) })).ShouldBe(1);

        var released = await ReserveAsync((skus[1], 1));
        (await _reservations.ReleaseAsync(released.ReservationId, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        (await ReturnAsync(released.ReservationId)).Status.ShouldBe(ReservationStatus.Released);
        (await InventoryApi.StockAsync(seller.Client, skus[1])).Total.ShouldBe((3, 0, 3));

        (await _reservations.ReturnAsync("987654321", CancellationToken.None)).Error!.Code.ShouldBe("reservation_not_found");
        (await _reservations.ReturnAsync("nope", CancellationToken.None)).Error!.Code.ShouldBe("reservation_not_found");
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_OrderCancelled_event_through_the_outbox_returns_the_stock_and_a_second_one_changes_nothing()
    {
        var (seller, skus, london, berlin) = await StockAsync();
        var sold = await CommittedAsync((skus[0], 4), (skus[1], 1));

        var first = await CancelAsync(sold.ReservationId);
        await HandledAsync(first);

        (await _reservations.GetAsync(sold.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Returned);
        (await InventoryApi.StockAsync(seller.Client, skus[0])).Warehouses.ShouldBe(
            new Dictionary<string, (int, int, int)> { [london] = (2, 0, 2), [berlin] = (3, 0, 3) });

        // Orders may publish the cancellation again (a retry after a crash): a new event, the same reservation.
        var second = await CancelAsync(sold.ReservationId);
        await HandledAsync(second);

        (await InventoryApi.StockAsync(seller.Client, skus[0])).Warehouses.ShouldBe(
            new Dictionary<string, (int, int, int)> { [london] = (2, 0, 2), [berlin] = (3, 0, 3) });
        (await InventoryApi.StockAsync(seller.Client, skus[1])).Total.ShouldBe((3, 0, 3));
        (await ReturnMovementsAsync(sold.ReservationId)).ShouldBe(3);
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_OrderCancelled_event_for_a_pending_reservation_releases_it_and_one_for_an_unknown_reservation_is_handled_without_retries()
    {
        var (seller, skus, _, _) = await StockAsync();
        var held = await ReserveAsync((skus[1], 2));

        await HandledAsync(await CancelAsync(held.ReservationId));
        (await _reservations.GetAsync(held.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Released);
        (await InventoryApi.StockAsync(seller.Client, skus[1])).Total.ShouldBe((3, 0, 3));

        foreach (var unknown in new[] { "987654321", "not-a-reservation" })
        {
            var message = await CancelAsync(unknown);
            await HandledAsync(message);
            (await CountAsync("SELECT COUNT(*) FROM outbox_messages WHERE id = @id AND (dead_at IS NOT NULL OR last_error IS NOT NULL)", new { id = message.ToString("N") }))
                .ShouldBe(0, "an unknown reservation is logged, not retried");
        }
    }

    /// <summary>Publishes an <see cref="OrderCancelled"/> as orders does: through the outbox, in a transaction.</summary>
    private async Task<Guid> CancelAsync(string reservationId)
    {
        var cancelled = new OrderCancelled("order-" + Guid.NewGuid().ToString("N"), "user-1", OrderStatus.Placed, "payment-1", reservationId, "customer asked")
        {
            OccurredAt = DateTimeOffset.UtcNow,
        };
        await using var connection = await _app.Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await _app.Services.GetRequiredService<IOutbox>().EnqueueAsync(connection, transaction, cancelled, CancellationToken.None);
        await transaction.CommitAsync();
        return cancelled.Id;
    }

    /// <summary>Waits until the running relay has delivered the event to the inventory's handler (its inbox row committed).</summary>
    private async Task HandledAsync(Guid messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await CountAsync("SELECT COUNT(*) FROM inbox_messages WHERE consumer = @Consumer AND message_id = @id", new { Consumer, id = messageId.ToString("N") }) == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the relay did not deliver the event to inventory in time");
            await Task.Delay(50);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteReservationReturnTests(SqliteAppFixture fixture) : ReservationReturnTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresReservationReturnTests(PostgresAppFixture fixture) : ReservationReturnTests(fixture);
