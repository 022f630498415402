using System.Globalization;
using Emporium.Contracts.FlashSales;
using Emporium.Contracts.Inventory;
using Emporium.FlashSales.Sales;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales.Sales;

/// <summary>
/// The settlement pass on a clock the test moves: the allotment's hold is renewed while the sale runs;
/// after the settle time — and only when no checkout is paying a claim — unpaid claims expire and the
/// allotment's remainder goes back on the shelf; a sale its creating request left half-made is finished
/// or dropped. The background passes never tick here (their interval is a day): the test runs each pass.
/// </summary>
public abstract class SaleSettlementTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private EmporiumApp App(TestDatabase database, string allotmentHoldHours = "12") => new(
        new Dictionary<string, string?>(database.Settings)
        {
            ["Emporium:DemoData"] = "false",
            ["Emporium:FlashSales:SweepSeconds"] = "86400",
            ["Emporium:FlashSales:AllotmentHoldHours"] = allotmentHoldHours,
            ["Emporium:Inventory:ExpirySweepSeconds"] = "86400",
        },
        services => services.AddSingleton<TimeProvider>(_clock));

    private static Task<SettlementPass> SweepAsync(EmporiumApp app) => app.Services.GetRequiredService<SaleSettlement>().SweepAsync(CancellationToken.None);

    private static async Task<StockReservation> AllotmentAsync(EmporiumApp app, HttpClient admin, string saleId)
    {
        var id = (await FlashSaleApi.GetSaleAsync(admin, saleId)).GetProperty("allotmentId").GetString()!;
        return (await app.Services.GetRequiredService<IStockReservations>().GetAsync(id, CancellationToken.None)).Value;
    }

    [Fact]
    public async Task An_ended_sale_settles_only_when_no_claim_is_being_paid_then_unpaid_claims_expire_and_the_remainder_is_back_on_the_shelf()
    {
        await using var database = await CreateDatabaseAsync();
        await using var app = App(database);
        var admin = (await TestUsers.AdminAsync(app)).Client;
        var seller = (await TestUsers.SellerAsync(app)).Client;
        var sale = await FlashSaleApi.CreateSaleAsync(app, admin, seller, quantity: 5, perUserLimit: 1, stock: 8);
        var claims = app.Services.GetRequiredService<IFlashSaleClaims>();
        var reservations = app.Services.GetRequiredService<IStockReservations>();
        var unpaid = await FlashSaleApi.InsertClaimAsync(app, sale.SaleId, "user-a");
        var paying = await FlashSaleApi.InsertClaimAsync(app, sale.SaleId, "user-b");
        var paid = await FlashSaleApi.InsertClaimAsync(app, sale.SaleId, "user-c");
        var payingUnit = (await claims.BeginCheckoutAsync(paying, "user-b", "checkout-b", TimeSpan.FromHours(3), CancellationToken.None)).Value;
        var paidUnit = (await claims.BeginCheckoutAsync(paid, "user-c", "checkout-c", TimeSpan.FromHours(3), CancellationToken.None)).Value;
        (await reservations.CommitAsync(paidUnit.ReservationId, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        (await claims.CompleteCheckoutAsync(paid, "checkout-c", "order-c", CancellationToken.None)).IsSuccess.ShouldBeTrue();

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(39));
        (await SweepAsync(app)).ShouldBe(new SettlementPass(0, 0, 0, 0), "a minute before the settle time");
        _clock.Advance(TimeSpan.FromMinutes(2));
        (await SweepAsync(app)).Settled.ShouldBe(0, "a checkout is still paying a claim");
        admin = (await TestUsers.AdminAsync(app)).Client; // the first one's token ran out while the clock moved

        (await FlashSaleApi.GetSaleAsync(admin, sale.SaleId)).GetProperty("status").GetString().ShouldBe("open");
        (await FlashSaleApi.ClaimStatusAsync(app, unpaid)).ShouldBe("claimed", "nothing of the settlement happens while it waits");
        (await AllotmentAsync(app, admin, sale.SaleId)).Lines.Sum(l => l.Quantity).ShouldBe(3, "two units were carved for checkouts");

        (await reservations.CommitAsync(payingUnit.ReservationId, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        (await claims.CompleteCheckoutAsync(paying, "checkout-b", "order-b", CancellationToken.None)).IsSuccess.ShouldBeTrue();
        (await SweepAsync(app)).Settled.ShouldBe(1);
        (await SweepAsync(app)).Settled.ShouldBe(0, "a settled sale is not settled again");

        var view = await FlashSaleApi.GetSaleAsync(admin, sale.SaleId);
        view.GetProperty("status").GetString().ShouldBe("settled");
        var counts = view.GetProperty("claims");
        (counts.GetProperty("claimed").GetInt64(), counts.GetProperty("paying").GetInt64(), counts.GetProperty("paid").GetInt64(), counts.GetProperty("expired").GetInt64())
            .ShouldBe((0, 0, 2, 1));
        (await FlashSaleApi.ClaimStatusAsync(app, unpaid)).ShouldBe("expired");
        (await AllotmentAsync(app, admin, sale.SaleId)).Status.ShouldBe(ReservationStatus.Released);
        (await InventoryApi.StockAsync(admin, sale.SkuId)).Total.ShouldBe((6, 0, 6), "two sold; the allotment's other three units are back on the shelf");
        (await LedgerAssertions.ViolationsAsync(app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_allotment_is_renewed_when_less_than_half_its_hold_is_left_and_never_beyond_the_settle_time()
    {
        await using var database = await CreateDatabaseAsync();
        await using var app = App(database, allotmentHoldHours: "1");
        var admin = (await TestUsers.AdminAsync(app)).Client;
        var seller = (await TestUsers.SellerAsync(app)).Client;
        var start = FlashSaleApi.Now(app);
        var sale = await FlashSaleApi.CreateSaleAsync(app, admin, seller, quantity: 2, perUserLimit: 1, stock: 2, startsAt: start, endsAt: start.AddHours(3));
        var settlesAt = DateTimeOffset.FromUnixTimeMilliseconds(sale.EndsAt.ToUnixTimeMilliseconds()).AddMinutes(40);
        var reservations = app.Services.GetRequiredService<IStockReservations>();
        var allotmentId = (await FlashSaleApi.GetSaleAsync(admin, sale.SaleId)).GetProperty("allotmentId").GetString()!;
        async Task<StockReservation> AllotmentNowAsync() => (await reservations.GetAsync(allotmentId, CancellationToken.None)).Value;
        var first = (await AllotmentNowAsync()).ExpiresAt;
        first.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(start.AddHours(1).ToUnixTimeMilliseconds()), "a full hold, not the 3 h 40 min to the settle time");

        _clock.Advance(TimeSpan.FromMinutes(20));
        (await SweepAsync(app)).Renewed.ShouldBe(0, "40 minutes of a 60-minute hold are left");
        (await AllotmentNowAsync()).ExpiresAt.ShouldBe(first);

        var renewals = 0;
        while (FlashSaleApi.Now(app).AddMinutes(11) < settlesAt)
        {
            _clock.Advance(TimeSpan.FromMinutes(11));
            renewals += (await SweepAsync(app)).Renewed;
            var allotment = await AllotmentNowAsync();
            allotment.Status.ShouldBe(ReservationStatus.Pending);
            allotment.ExpiresAt.ShouldBeGreaterThan(FlashSaleApi.Now(app), "it never lapses while the sale runs");
        }

        renewals.ShouldBe(5, "at 31, 64, 97, 130 and 163 minutes");
        var last = await AllotmentNowAsync();
        (last.Status, last.ExpiresAt).ShouldBe((ReservationStatus.Pending, settlesAt), "renewed up to the settle time, not past it");
        last.Lines.Sum(l => l.Quantity).ShouldBe(2);
    }

    [Fact]
    public async Task A_sale_left_allotting_by_a_crash_is_finished_with_the_same_reservation_or_dropped_when_the_stock_is_gone()
    {
        await using var database = await CreateDatabaseAsync();
        await using var app = App(database);
        var admin = (await TestUsers.AdminAsync(app)).Client;
        var seller = (await TestUsers.SellerAsync(app)).Client;
        var reservations = app.Services.GetRequiredService<IStockReservations>();
        var (stocked, _) = await FlashSaleApi.StockedSkuAsync(app, admin, seller, stock: 5);
        var (short_, _) = await FlashSaleApi.StockedSkuAsync(app, admin, seller, stock: 1);
        var (reserved, _) = await FlashSaleApi.StockedSkuAsync(app, admin, seller, stock: 4);
        var (fresh, _) = await FlashSaleApi.StockedSkuAsync(app, admin, seller, stock: 4);
        var now = FlashSaleApi.Now(app);
        var crashedBeforeReserving = await AllottingRowAsync(app, stocked, 3, now.AddMinutes(-2));
        var nothingToReserve = await AllottingRowAsync(app, short_, 3, now.AddMinutes(-2));
        var crashedAfterReserving = await AllottingRowAsync(app, reserved, 4, now.AddMinutes(-2));
        var madeBefore = (await reservations.ReserveAsync(
            Allotment.Request(crashedAfterReserving, reserved, 4, "US", TimeSpan.FromHours(1)), CancellationToken.None)).Value;
        var stillBeingCreated = await AllottingRowAsync(app, fresh, 2, now.AddSeconds(-5));

        var pass = await SweepAsync(app);

        (pass.Finished, pass.Dropped).ShouldBe((2, 1));
        var first = await FlashSaleApi.GetSaleAsync(admin, Text(crashedBeforeReserving));
        first.GetProperty("status").GetString().ShouldBe("open");
        (await InventoryApi.StockAsync(seller, stocked)).Total.ShouldBe((5, 3, 2));
        (await FlashSaleApi.GetSaleAsync(admin, Text(nothingToReserve), 404)).GetProperty("code").GetString().ShouldBe("sale_not_found");
        (await InventoryApi.StockAsync(seller, short_)).Total.ShouldBe((1, 0, 1));
        var second = await FlashSaleApi.GetSaleAsync(admin, Text(crashedAfterReserving));
        (second.GetProperty("status").GetString(), second.GetProperty("allotmentId").GetString()).ShouldBe(("open", madeBefore.ReservationId));
        (await InventoryApi.StockAsync(seller, reserved)).Total.ShouldBe((4, 4, 0), "reserved once, not twice");
        (await FlashSaleApi.GetSaleAsync(admin, Text(stillBeingCreated))).GetProperty("status").GetString()
            .ShouldBe("allotting", "a row a minute old may still be in its request's hands");
        (await InventoryApi.StockAsync(seller, fresh)).Total.ShouldBe((4, 0, 4));

        _clock.Advance(TimeSpan.FromMinutes(1));
        (await SweepAsync(app)).Finished.ShouldBe(1);
        (await InventoryApi.StockAsync(seller, fresh)).Total.ShouldBe((4, 2, 2));
        (await LedgerAssertions.ViolationsAsync(app.Database)).ShouldBeEmpty();
    }

    private static async Task<long> AllottingRowAsync(EmporiumApp app, string skuId, int quantity, DateTimeOffset createdAt)
    {
        var now = FlashSaleApi.Now(app);
        var terms = new SaleTerms(skuId, 100, quantity, 1, now, now.AddHours(1), "US", null);
        await using var connection = await app.Database.OpenAsync();
        return await SaleStore.InsertAllottingAsync(connection, terms, "USD", now.AddHours(1).AddMinutes(40), "test", createdAt, CancellationToken.None);
    }

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}

public sealed class SqliteSaleSettlementTests : SaleSettlementTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgresSaleSettlementTests : SaleSettlementTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
