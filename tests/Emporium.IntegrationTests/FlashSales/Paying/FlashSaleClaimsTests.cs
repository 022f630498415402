using System.Net;
using Emporium.Contracts.FlashSales;
using Emporium.Contracts.Inventory;
using Emporium.FlashSales.Paying;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Emporium.IntegrationTests.FlashSales.Paying;

/// <summary>
/// <see cref="IFlashSaleClaims"/> as checkout calls it, resolved from the app: beginning a checkout carves
/// the claim's unit out of the sale's allotment; abandoning gives it back (or, once sold, cancels the
/// claim); completing marks it paid. Claims are written directly, as a purchase would have.
/// </summary>
public abstract class FlashSaleClaimsTests(AppFixture fixture)
{
    private const int Stock = 10;
    private const int Quantity = 5;
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(15);
    private readonly EmporiumApp _app = fixture.App;
    private readonly string _engine = fixture.Engine;
    private readonly IFlashSaleClaims _claims = fixture.App.Services.GetRequiredService<IFlashSaleClaims>();
    private readonly IStockReservations _reservations = fixture.App.Services.GetRequiredService<IStockReservations>();

    private sealed record Setup(FlashSaleApi.CreatedSale Sale, HttpClient Admin, HttpClient Seller, TestUsers.SignedIn Buyer, string ClaimId);

    private async Task<Setup> ClaimedAsync(DateTimeOffset? expiresAt = null)
    {
        var admin = (await TestUsers.AdminAsync(_app)).Client;
        var seller = (await TestUsers.SellerAsync(_app)).Client;
        var sale = await FlashSaleApi.CreateSaleAsync(_app, admin, seller, Quantity, perUserLimit: 2, Stock, country: "GB");
        var buyer = await TestUsers.CustomerAsync(_app);
        var claimId = await FlashSaleApi.InsertClaimAsync(_app, sale.SaleId, buyer.UserId, expiresAt: expiresAt);
        return new Setup(sale, admin, seller, buyer, claimId);
    }

    private async Task<int> AllotmentUnitsAsync(Setup setup)
    {
        var id = (await FlashSaleApi.GetSaleAsync(setup.Admin, setup.Sale.SaleId)).GetProperty("allotmentId").GetString()!;
        var allotment = (await _reservations.GetAsync(id, CancellationToken.None)).Value;
        allotment.Status.ShouldBe(ReservationStatus.Pending);
        return allotment.Lines.Sum(l => l.Quantity);
    }

    private async Task<StockReservation> BeginAsync(Setup setup, string checkoutId)
    {
        var begun = await _claims.BeginCheckoutAsync(setup.ClaimId, setup.Buyer.UserId, checkoutId, Hold, CancellationToken.None);
        begun.IsSuccess.ShouldBeTrue(begun.Error?.Message);
        return begun.Value;
    }

    private async Task<FlashSaleClaim> ClaimAsync(Setup setup) =>
        (await _claims.GetAsync(setup.ClaimId, setup.Buyer.UserId, CancellationToken.None)).Value;

    [Fact]
    public async Task Beginning_carves_the_claims_unit_out_of_the_allotment_once_per_checkout()
    {
        var setup = await ClaimedAsync();

        var carved = await BeginAsync(setup, "checkout-1");
        var again = await BeginAsync(setup, "checkout-1");

        (carved.Owner, carved.Status).ShouldBe(("checkout:checkout-1", ReservationStatus.Pending));
        carved.Lines.ShouldBe([new ReservedStockLine(setup.Sale.SkuId, setup.Sale.WarehouseId, 1)]);
        again.ReservationId.ShouldBe(carved.ReservationId, "the same checkout gets the same reservation");
        (await AllotmentUnitsAsync(setup)).ShouldBe(Quantity - 1);
        (await InventoryApi.StockAsync(setup.Seller, setup.Sale.SkuId)).Total.ShouldBe((Stock, Quantity, Stock - Quantity), "carving moves no stock figure");
        var claim = await ClaimAsync(setup);
        claim.ShouldBe(new FlashSaleClaim(
            setup.ClaimId, setup.Sale.SaleId, setup.Buyer.UserId, setup.Sale.SkuId, setup.Sale.Price, "GB", ClaimStatus.Paying, claim.ExpiresAt, "checkout-1", null));
    }

    [Fact]
    public async Task Another_checkout_another_buyer_and_a_late_claim_are_refused_and_nothing_is_carved()
    {
        var setup = await ClaimedAsync();
        var stranger = await TestUsers.CustomerAsync(_app);
        var late = await FlashSaleApi.InsertClaimAsync(_app, setup.Sale.SaleId, setup.Buyer.UserId, expiresAt: DateTimeOffset.UtcNow.AddSeconds(-1));

        (await _claims.BeginCheckoutAsync(setup.ClaimId, stranger.UserId, "checkout-x", Hold, CancellationToken.None)).Error!.Code.ShouldBe("claim_not_found");
        (await _claims.BeginCheckoutAsync("no-such-claim", setup.Buyer.UserId, "checkout-x", Hold, CancellationToken.None)).Error!.Code.ShouldBe("claim_not_found");
        (await _claims.GetAsync(setup.ClaimId, stranger.UserId, CancellationToken.None)).Error!.Code.ShouldBe("claim_not_found");
        var expired = await _claims.BeginCheckoutAsync(late, setup.Buyer.UserId, "checkout-x", Hold, CancellationToken.None);
        (expired.Error!.Code, expired.Error.Kind).ShouldBe(("claim_expired", Emporium.BuildingBlocks.Results.ErrorKind.Gone));
        (await AllotmentUnitsAsync(setup)).ShouldBe(Quantity, "nothing was carved");

        await BeginAsync(setup, "checkout-1");
        var other = await _claims.BeginCheckoutAsync(setup.ClaimId, setup.Buyer.UserId, "checkout-2", Hold, CancellationToken.None);
        (other.Error!.Code, other.Error.Kind).ShouldBe(("claim_in_checkout", Emporium.BuildingBlocks.Results.ErrorKind.Conflict));
        (await AllotmentUnitsAsync(setup)).ShouldBe(Quantity - 1);
    }

    [Fact]
    public async Task Abandoning_refills_the_allotment_and_the_claim_can_be_paid_again()
    {
        var setup = await ClaimedAsync();
        var first = await BeginAsync(setup, "checkout-1");

        var abandoned = await _claims.AbandonCheckoutAsync(setup.ClaimId, "checkout-1", CancellationToken.None);
        var repeated = await _claims.AbandonCheckoutAsync(setup.ClaimId, "checkout-1", CancellationToken.None);

        (abandoned.Value.Status, abandoned.Value.CheckoutId).ShouldBe((ClaimStatus.Claimed, (string?)null));
        repeated.Value.ShouldBe(abandoned.Value, "a repeat changes nothing");
        (await _reservations.GetAsync(first.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Released);
        (await AllotmentUnitsAsync(setup)).ShouldBe(Quantity, "the unit is back in the allotment, not on the shelf");
        (await InventoryApi.StockAsync(setup.Seller, setup.Sale.SkuId)).Total.ShouldBe((Stock, Quantity, Stock - Quantity));
        (await _claims.BeginCheckoutAsync(setup.ClaimId, setup.Buyer.UserId, "checkout-1", Hold, CancellationToken.None)).Error!.Code
            .ShouldBe("claim_checkout_ended", "the checkout that gave the claim up cannot take it back");

        var second = await BeginAsync(setup, "checkout-2");
        second.ReservationId.ShouldNotBe(first.ReservationId);
        (await AllotmentUnitsAsync(setup)).ShouldBe(Quantity - 1);
        (await _claims.AbandonCheckoutAsync(setup.ClaimId, "checkout-1", CancellationToken.None)).Value.Status
            .ShouldBe(ClaimStatus.Paying, "a checkout that is not paying the claim changes nothing");
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Completing_marks_the_claim_paid_once()
    {
        var setup = await ClaimedAsync();
        var carved = await BeginAsync(setup, "checkout-1");
        (await _reservations.CommitAsync(carved.ReservationId, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        var paid = await _claims.CompleteCheckoutAsync(setup.ClaimId, "checkout-1", "order-1", CancellationToken.None);
        var again = await _claims.CompleteCheckoutAsync(setup.ClaimId, "checkout-1", "order-1", CancellationToken.None);

        (paid.Value.Status, paid.Value.OrderId, paid.Value.CheckoutId).ShouldBe((ClaimStatus.Paid, "order-1", "checkout-1"));
        again.Value.ShouldBe(paid.Value);
        (await ClaimAsync(setup)).ShouldBe(paid.Value);
        (await _claims.CompleteCheckoutAsync(setup.ClaimId, "checkout-2", "order-2", CancellationToken.None)).Error!.Code.ShouldBe("claim_paid");
        (await _claims.BeginCheckoutAsync(setup.ClaimId, setup.Buyer.UserId, "checkout-2", Hold, CancellationToken.None)).Error!.Code.ShouldBe("claim_paid");
        (await InventoryApi.StockAsync(setup.Seller, setup.Sale.SkuId)).Total.ShouldBe((Stock - 1, Quantity - 1, Stock - Quantity), "one unit sold from the allotment");
        (await FlashSaleApi.GetSaleAsync(setup.Admin, setup.Sale.SaleId)).GetProperty("claims").GetProperty("paid").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Abandoning_after_the_unit_was_sold_returns_it_to_the_shelf_and_cancels_the_claim()
    {
        var setup = await ClaimedAsync();
        var carved = await BeginAsync(setup, "checkout-1");
        (await _reservations.CommitAsync(carved.ReservationId, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        var abandoned = await _claims.AbandonCheckoutAsync(setup.ClaimId, "checkout-1", CancellationToken.None);

        (abandoned.Value.Status, abandoned.Value.CheckoutId).ShouldBe((ClaimStatus.Cancelled, "checkout-1"));
        (await _reservations.GetAsync(carved.ReservationId, CancellationToken.None)).Value.Status.ShouldBe(ReservationStatus.Returned);
        (await InventoryApi.StockAsync(setup.Seller, setup.Sale.SkuId)).Total
            .ShouldBe((Stock, Quantity - 1, Stock - Quantity + 1), "the sold unit went back on the shelf, not into the allotment");
        (await _claims.BeginCheckoutAsync(setup.ClaimId, setup.Buyer.UserId, "checkout-2", Hold, CancellationToken.None)).Error!.Code.ShouldBe("claim_cancelled");
        (await _claims.AbandonCheckoutAsync(setup.ClaimId, "checkout-1", CancellationToken.None)).Value.Status.ShouldBe(ClaimStatus.Cancelled);
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ten_checkouts_beginning_one_claim_at_once_carve_exactly_one_unit()
    {
        var setup = await ClaimedAsync();
        using var start = new SemaphoreSlim(0);
        var racing = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await _claims.BeginCheckoutAsync(setup.ClaimId, setup.Buyer.UserId, $"checkout-{i}", Hold, CancellationToken.None);
        })).ToList();
        start.Release(racing.Count);
        var attempts = await Task.WhenAll(racing);

        attempts.Count(a => a.IsSuccess).ShouldBe(1);
        attempts.Where(a => !a.IsSuccess).Select(a => a.Error!.Code).ShouldAllBe(code => code == "claim_in_checkout");
        var winner = attempts.Single(a => a.IsSuccess).Value;
        (await ClaimAsync(setup)).CheckoutId.ShouldBe(winner.Owner["checkout:".Length..]);
        (await AllotmentUnitsAsync(setup)).ShouldBe(Quantity - 1);
        (await InventoryApi.StockAsync(setup.Seller, setup.Sale.SkuId)).Total.ShouldBe((Stock, Quantity, Stock - Quantity));
    }

    [Fact]
    public async Task Ten_hosts_beginning_one_claim_at_once_leave_exactly_one_unit_carved()
    {
        // Each instance has its own in-process locks, as separate processes would: only the database
        // (PostgreSQL's row lock; SQLite's compare-and-set write) keeps them apart.
        var setup = await ClaimedAsync();
        var services = _app.Services;
        var hosts = Enumerable.Range(0, 10).Select(_ => new FlashSaleClaims(
            new ClaimSessions(_app.Database, TimeProvider.System),
            _app.Database,
            _reservations,
            TimeProvider.System,
            services.GetRequiredService<ILogger<FlashSaleClaims>>())).ToList();
        using var start = new SemaphoreSlim(0);
        var racing = hosts.Select((host, i) => Task.Run(async () =>
        {
            await start.WaitAsync();
            return await host.BeginCheckoutAsync(setup.ClaimId, setup.Buyer.UserId, $"checkout-{i}", Hold, CancellationToken.None);
        })).ToList();
        start.Release(racing.Count);
        var attempts = await Task.WhenAll(racing);

        attempts.Count(a => a.IsSuccess).ShouldBe(1);
        // On SQLite (one process by design) a loser may also carve before the winner's write and find the
        // allotment emptied by the other losers' carves a moment later; either way it holds nothing.
        string[] refusals = _engine == "postgres" ? ["claim_in_checkout"] : ["claim_in_checkout", "out_of_stock"];
        attempts.Where(a => !a.IsSuccess).Select(a => a.Error!.Code).ShouldAllBe(code => refusals.Contains(code));
        (await ClaimAsync(setup)).CheckoutId.ShouldBe(attempts.Single(a => a.IsSuccess).Value.Owner["checkout:".Length..]);
        (await AllotmentUnitsAsync(setup)).ShouldBe(Quantity - 1, "a loser's carved unit went back to the allotment");
        (await InventoryApi.StockAsync(setup.Seller, setup.Sale.SkuId)).Total.ShouldBe((Stock, Quantity, Stock - Quantity));
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_buyer_reads_their_own_claim_and_nobody_elses()
    {
        var setup = await ClaimedAsync();
        var stranger = await TestUsers.CustomerAsync(_app);
        using var anonymous = _app.CreateClient();

        var view = await setup.Buyer.Client.GetJsonAsync($"/api/flash-sales/claims/{setup.ClaimId}");

        view.GetProperty("claimId").GetString().ShouldBe(setup.ClaimId);
        view.GetProperty("saleId").GetString().ShouldBe(setup.Sale.SaleId);
        view.GetProperty("skuId").GetString().ShouldBe(setup.Sale.SkuId);
        (view.GetProperty("price").GetInt64(), view.GetProperty("currency").GetString()).ShouldBe((setup.Sale.Price, "USD"));
        view.GetProperty("status").GetString().ShouldBe("claimed");
        view.TryGetProperty("orderId", out _).ShouldBeFalse(); // nulls are left out of every answer
        (await stranger.Client.GetJsonAsync($"/api/flash-sales/claims/{setup.ClaimId}", 404)).GetProperty("code").GetString().ShouldBe("claim_not_found");
        (await setup.Buyer.Client.GetJsonAsync("/api/flash-sales/claims/no-such-claim", 404)).GetProperty("code").GetString().ShouldBe("claim_not_found");
        (await anonymous.GetAsync($"/api/flash-sales/claims/{setup.ClaimId}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteFlashSaleClaimsTests(SqliteAppFixture fixture) : FlashSaleClaimsTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresFlashSaleClaimsTests(PostgresAppFixture fixture) : FlashSaleClaimsTests(fixture);
