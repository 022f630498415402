using System.Globalization;
using Dapper;
using Emporium.Contracts.Inventory;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Carving units out of a pending reservation (a flash sale's allotment) into reservations of their own,
/// through <see cref="IStockReservations.CarveAsync"/>, and where those units go when a carved reservation
/// is committed, released or returned — seen through the reservations, the seller's stock view and the ledger.
/// </summary>
public abstract class CarveTests(AppFixture fixture)
{
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(15);
    private readonly EmporiumApp _app = fixture.App;
    private readonly IStockReservations _reservations = fixture.App.Services.GetRequiredService<IStockReservations>();

    /// <summary>
    /// A SKU with 6 units in the first warehouse and 4 in the second (both ship to the US), and an allotment
    /// of 8 of them: the first warehouse's 6 and 2 of the second's.
    /// </summary>
    private async Task<Sale> SaleAsync()
    {
        var seller = await TestUsers.SellerAsync(_app);
        var admin = (await TestUsers.AdminAsync(_app)).Client;
        var sku = (await InventoryApi.SellerSkusAsync(_app, seller.Client))[0];
        var first = await InventoryApi.WarehouseAsync(admin, 40.7, -74.0, "US");
        var second = await InventoryApi.WarehouseAsync(admin, 34.05, -118.24, "US");
        await InventoryApi.ReceiveAsync(seller.Client, sku, first, 6);
        await InventoryApi.ReceiveAsync(seller.Client, sku, second, 4);
        var key = "flash-sale:" + Guid.NewGuid().ToString("N");
        var allotment = await _reservations.ReserveAsync(
            new ReserveStockRequest(key, key + ":allotment", [new ReserveStockLine(sku, 8)], new StockDestination("US"), TimeSpan.FromHours(2)), CancellationToken.None);
        allotment.IsSuccess.ShouldBeTrue(allotment.Error?.Message);
        allotment.Value.Lines.ShouldBe([new(sku, first, 6), new(sku, second, 2)], ignoreOrder: true);
        return new Sale(seller.Client, sku, first, second, allotment.Value.ReservationId);
    }

    private static ReserveStockRequest Claim(string sku, int quantity = 1, string? key = null, string country = "US") =>
        new("checkout:" + (key ?? "c"), key ?? Guid.NewGuid().ToString("N"), [new ReserveStockLine(sku, quantity)], new StockDestination(country), Hold);

    private async Task<StockReservation> CarveAsync(string sourceId, ReserveStockRequest request)
    {
        var carved = await _reservations.CarveAsync(sourceId, request, CancellationToken.None);
        carved.IsSuccess.ShouldBeTrue(carved.Error?.Message);
        return carved.Value;
    }

    private async Task<StockReservation> GetAsync(string id) => (await _reservations.GetAsync(id, CancellationToken.None)).Value;

    private async Task<Dictionary<string, (int OnHand, int Reserved, int Available)>> StockAsync(Sale sale) =>
        (await InventoryApi.StockAsync(sale.Seller, sale.Sku)).Warehouses;

    /// <summary>The ledger's entries of one reservation, as "kind reservedDelta key", oldest first.</summary>
    private async Task<List<string>> MovementsAsync(string reservationId)
    {
        await using var connection = await _app.Database.OpenAsync();
        return (await connection.QueryAsync<(string Kind, long Reserved, string Key)>(
                "SELECT kind, reserved_delta, idempotency_key FROM inventory_movements WHERE reservation_id = @id ORDER BY id",
                new { id = long.Parse(reservationId, CultureInfo.InvariantCulture) }))
            .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Kind} {m.Reserved} {m.Key}"))
            .ToList();
    }

    [Fact]
    public async Task Carving_moves_units_from_the_source_into_a_new_pending_reservation_in_warehouse_order_and_no_stock_figure_changes()
    {
        var sale = await SaleAsync();
        var figures = await StockAsync(sale);
        figures.ShouldBe(new Dictionary<string, (int, int, int)> { [sale.First] = (6, 6, 0), [sale.Second] = (4, 2, 2) });

        var one = await CarveAsync(sale.AllotmentId, Claim(sale.Sku, key: "one-" + Guid.NewGuid().ToString("N")));
        var six = await CarveAsync(sale.AllotmentId, Claim(sale.Sku, quantity: 6));

        one.Status.ShouldBe(ReservationStatus.Pending);
        one.Owner.ShouldStartWith("checkout:one-");
        one.Lines.ShouldBe([new(sale.Sku, sale.First, 1)]);
        one.ExpiresAt.ShouldBeInRange(DateTimeOffset.UtcNow.Add(Hold).AddMinutes(-1), DateTimeOffset.UtcNow.Add(Hold));
        six.Lines.ShouldBe([new(sale.Sku, sale.First, 5), new(sale.Sku, sale.Second, 1)], ignoreOrder: true, "the first warehouse's last five, then the second's");
        (await GetAsync(one.ReservationId)).ShouldBeEquivalentTo(one);
        var source = await GetAsync(sale.AllotmentId);
        source.Status.ShouldBe(ReservationStatus.Pending);
        source.Lines.ShouldBe([new(sale.Sku, sale.Second, 1)]);
        (await StockAsync(sale)).ShouldBe(figures);
        (await MovementsAsync(sale.AllotmentId)).ShouldBe(
        [
            $"reservation 6 reservation:{sale.AllotmentId}:hold",
            $"reservation 2 reservation:{sale.AllotmentId}:hold",
            $"release -1 reservation:{sale.AllotmentId}:carve:{one.ReservationId}",
            $"release -5 reservation:{sale.AllotmentId}:carve:{six.ReservationId}",
            $"release -1 reservation:{sale.AllotmentId}:carve:{six.ReservationId}",
        ]);
        (await MovementsAsync(one.ReservationId)).ShouldBe([$"reservation 1 reservation:{one.ReservationId}:hold"]);
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_repeated_carve_answers_the_same_reservation_as_it_is_now_and_a_key_used_for_anything_else_is_422()
    {
        var sale = await SaleAsync();
        var key = Guid.NewGuid().ToString("N");
        var first = await CarveAsync(sale.AllotmentId, Claim(sale.Sku, key: key));

        var again = await CarveAsync(sale.AllotmentId, Claim(sale.Sku, key: key));
        var elsewhere = await CarveAsync(sale.AllotmentId, Claim(sale.Sku, key: key, country: "CA"));

        again.ShouldBeEquivalentTo(first);
        elsewhere.ReservationId.ShouldBe(first.ReservationId, "the destination is not used, so it does not tell requests apart");
        (await GetAsync(sale.AllotmentId)).Lines.ShouldBe([new(sale.Sku, sale.First, 5), new(sale.Sku, sale.Second, 2)], ignoreOrder: true);
        (await StockAsync(sale))[sale.First].ShouldBe((6, 6, 0));

        (await _reservations.CarveAsync(sale.AllotmentId, Claim(sale.Sku, quantity: 2, key: key), CancellationToken.None)).Error!.Code.ShouldBe("idempotency_key_reused");
        (await _reservations.CarveAsync(sale.AllotmentId, Claim(sale.Sku, key: key) with { Owner = "checkout:other" }, CancellationToken.None)).Error!.Code
            .ShouldBe("idempotency_key_reused");
        var otherSale = await SaleAsync();
        (await _reservations.CarveAsync(otherSale.AllotmentId, Claim(sale.Sku, key: key), CancellationToken.None)).Error!.Code
            .ShouldBe("idempotency_key_reused", "the same request from another source is another request");
        (await _reservations.ReserveAsync(Claim(sale.Sku, key: key), CancellationToken.None)).Error!.Code
            .ShouldBe("idempotency_key_reused", "a carve's key is not a reserve's");
        var reserveKey = Guid.NewGuid().ToString("N");
        (await _reservations.ReserveAsync(Claim(sale.Sku, key: reserveKey), CancellationToken.None)).IsSuccess.ShouldBeTrue();
        (await _reservations.CarveAsync(sale.AllotmentId, Claim(sale.Sku, key: reserveKey), CancellationToken.None)).Error!.Code.ShouldBe("idempotency_key_reused");

        (await _reservations.ReleaseAsync(first.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Released);
        var afterRelease = await CarveAsync(sale.AllotmentId, Claim(sale.Sku, key: key));
        afterRelease.ReservationId.ShouldBe(first.ReservationId);
        afterRelease.Status.ShouldBe(ReservationStatus.Released, "a replay answers the reservation as it is now, and carves nothing again");
        (await GetAsync(sale.AllotmentId)).Lines.ShouldBe([new(sale.Sku, sale.First, 6), new(sale.Sku, sale.Second, 2)], ignoreOrder: true);
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_source_holding_fewer_units_than_asked_is_out_of_stock_naming_the_sku_and_nothing_changes()
    {
        var sale = await SaleAsync();
        var key = Guid.NewGuid().ToString("N");
        var otherSku = (await InventoryApi.SellerSkusAsync(_app, sale.Seller))[0];

        var tooMany = await _reservations.CarveAsync(sale.AllotmentId, Claim(sale.Sku, quantity: 9, key: key), CancellationToken.None);
        var notHeld = await _reservations.CarveAsync(
            sale.AllotmentId,
            new ReserveStockRequest("checkout:x", Guid.NewGuid().ToString("N"), [new(sale.Sku, 1), new(otherSku, 1)], new StockDestination("US"), Hold),
            CancellationToken.None);

        tooMany.Error!.Code.ShouldBe("out_of_stock");
        tooMany.Error.Kind.ShouldBe(Emporium.BuildingBlocks.Results.ErrorKind.Conflict);
        tooMany.Error.Fields!.Keys.ShouldBe([sale.Sku]);
        tooMany.Error.Fields[sale.Sku].ShouldBe(["Requested 9, 8 held."]);
        notHeld.Error!.Code.ShouldBe("out_of_stock");
        notHeld.Error.Fields!.Keys.ShouldBe([otherSku]);
        (await GetAsync(sale.AllotmentId)).Lines.Sum(l => l.Quantity).ShouldBe(8);
        (await StockAsync(sale)).ShouldBe(new Dictionary<string, (int, int, int)> { [sale.First] = (6, 6, 0), [sale.Second] = (4, 2, 2) });
        (await MovementsAsync(sale.AllotmentId)).Count.ShouldBe(2, "only the allotment's own holds");

        // The refused request used up nothing, not even its key.
        (await CarveAsync(sale.AllotmentId, Claim(sale.Sku, quantity: 8, key: key))).Lines.Sum(l => l.Quantity).ShouldBe(8);
        (await _reservations.CarveAsync(sale.AllotmentId, Claim(sale.Sku), CancellationToken.None)).Error!.Code.ShouldBe("out_of_stock");
    }

    [Fact]
    public async Task Nothing_is_carved_from_an_ended_or_unknown_source_and_a_bad_request_is_a_validation_error()
    {
        var released = await SaleAsync();
        var committed = await SaleAsync();
        await _reservations.ReleaseAsync(released.AllotmentId, CancellationToken.None);
        await _reservations.CommitAsync(committed.AllotmentId, CancellationToken.None);

        (await _reservations.CarveAsync(released.AllotmentId, Claim(released.Sku), CancellationToken.None)).Error!.Code.ShouldBe("reservation_ended");
        (await _reservations.CarveAsync(committed.AllotmentId, Claim(committed.Sku), CancellationToken.None)).Error!.Code.ShouldBe("reservation_ended");
        (await _reservations.CarveAsync("987654321", Claim(released.Sku), CancellationToken.None)).Error!.Code.ShouldBe("reservation_not_found");
        (await _reservations.CarveAsync("not-an-id", Claim(released.Sku), CancellationToken.None)).Error!.Code.ShouldBe("reservation_not_found");

        var bad = await _reservations.CarveAsync(
            committed.AllotmentId, new ReserveStockRequest(" ", "", [new(committed.Sku, 0)], new StockDestination("USA"), TimeSpan.Zero), CancellationToken.None);
        bad.Error!.Code.ShouldBe("validation");
        bad.Error.Fields!.Keys.ShouldBe(["owner", "requestKey", "hold", "destination.country", "lines[0].quantity"], ignoreOrder: true);
        (await _reservations.CarveAsync("987654321", Claim(released.Sku) with { Lines = [] }, CancellationToken.None)).Error!.Code.ShouldBe("validation");
        (await StockAsync(released)).ShouldBe(new Dictionary<string, (int, int, int)> { [released.First] = (6, 0, 6), [released.Second] = (4, 0, 4) });
        (await StockAsync(committed)).ShouldBe(new Dictionary<string, (int, int, int)> { [committed.First] = (0, 0, 0), [committed.Second] = (2, 0, 2) });
    }

    [Fact]
    public async Task A_carved_reservation_released_or_returned_while_its_source_is_pending_refills_the_source_not_the_shelf()
    {
        var sale = await SaleAsync();
        var released = await CarveAsync(sale.AllotmentId, Claim(sale.Sku, quantity: 7));
        var returned = await CarveAsync(sale.AllotmentId, Claim(sale.Sku));
        (await GetAsync(sale.AllotmentId)).Lines.ShouldBeEmpty();

        (await _reservations.ReleaseAsync(released.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Released);
        (await _reservations.ReleaseAsync(released.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Released);
        (await _reservations.ReturnAsync(returned.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Released);

        var source = await GetAsync(sale.AllotmentId);
        source.Status.ShouldBe(ReservationStatus.Pending);
        source.Lines.ShouldBe([new(sale.Sku, sale.First, 6), new(sale.Sku, sale.Second, 2)], ignoreOrder: true);
        (await StockAsync(sale)).ShouldBe(new Dictionary<string, (int, int, int)> { [sale.First] = (6, 6, 0), [sale.Second] = (4, 2, 2) });
        (await MovementsAsync(released.ReservationId)).ShouldBe(
        [
            $"reservation 6 reservation:{released.ReservationId}:hold",
            $"reservation 1 reservation:{released.ReservationId}:hold",
            $"release -6 reservation:{released.ReservationId}:end",
            $"release -1 reservation:{released.ReservationId}:end",
        ]);
        (await MovementsAsync(sale.AllotmentId)).Where(m => m.Contains(":refill:", StringComparison.Ordinal)).ShouldBe(
        [
            $"reservation 6 reservation:{sale.AllotmentId}:refill:{released.ReservationId}",
            $"reservation 1 reservation:{sale.AllotmentId}:refill:{released.ReservationId}",
            $"reservation 1 reservation:{sale.AllotmentId}:refill:{returned.ReservationId}",
        ]);

        // The refilled units can be carved again.
        (await CarveAsync(sale.AllotmentId, Claim(sale.Sku, quantity: 8))).Lines.Sum(l => l.Quantity).ShouldBe(8);
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_committed_carved_reservation_sells_its_units_leaves_the_sources_remainder_alone_and_a_return_puts_them_on_the_shelf()
    {
        var sale = await SaleAsync();
        var sold = await CarveAsync(sale.AllotmentId, Claim(sale.Sku, quantity: 2));

        (await _reservations.CommitAsync(sold.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Committed);

        (await GetAsync(sale.AllotmentId)).Lines.ShouldBe([new(sale.Sku, sale.First, 4), new(sale.Sku, sale.Second, 2)], ignoreOrder: true);
        (await StockAsync(sale)).ShouldBe(new Dictionary<string, (int, int, int)> { [sale.First] = (4, 4, 0), [sale.Second] = (4, 2, 2) });

        (await _reservations.ReturnAsync(sold.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Returned);

        (await GetAsync(sale.AllotmentId)).Lines.ShouldBe([new(sale.Sku, sale.First, 4), new(sale.Sku, sale.Second, 2)], ignoreOrder: true, "a sold unit given back goes to the shelf");
        (await StockAsync(sale)).ShouldBe(new Dictionary<string, (int, int, int)> { [sale.First] = (6, 4, 2), [sale.Second] = (4, 2, 2) });
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Releasing_the_source_releases_only_what_it_still_holds_and_a_carved_reservation_released_afterwards_goes_to_the_shelf()
    {
        var sale = await SaleAsync();
        var kept = await CarveAsync(sale.AllotmentId, Claim(sale.Sku, quantity: 3));
        var late = await CarveAsync(sale.AllotmentId, Claim(sale.Sku, quantity: 2));

        var source = (await _reservations.ReleaseAsync(sale.AllotmentId, CancellationToken.None)).Value;

        source.Status.ShouldBe(ReservationStatus.Released);
        source.Lines.ShouldBe([new(sale.Sku, sale.First, 1), new(sale.Sku, sale.Second, 2)], ignoreOrder: true);
        (await StockAsync(sale)).ShouldBe(new Dictionary<string, (int, int, int)> { [sale.First] = (6, 5, 1), [sale.Second] = (4, 0, 4) });
        (await GetAsync(kept.ReservationId)).Status.ShouldBe(ReservationStatus.Pending);

        (await _reservations.CommitAsync(kept.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Committed);
        (await _reservations.ReleaseAsync(late.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Released);

        (await GetAsync(sale.AllotmentId)).ShouldBeEquivalentTo(source, "an ended source takes nothing back");
        (await StockAsync(sale)).ShouldBe(new Dictionary<string, (int, int, int)> { [sale.First] = (3, 0, 3), [sale.Second] = (4, 0, 4) });
        (await MovementsAsync(sale.AllotmentId)).ShouldNotContain(m => m.Contains(":refill:", StringComparison.Ordinal));
        (await _reservations.CarveAsync(sale.AllotmentId, Claim(sale.Sku), CancellationToken.None)).Error!.Code.ShouldBe("reservation_ended");
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    private sealed record Sale(HttpClient Seller, string Sku, string First, string Second, string AllotmentId);
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCarveTests(SqliteAppFixture fixture) : CarveTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCarveTests(PostgresAppFixture fixture) : CarveTests(fixture);
