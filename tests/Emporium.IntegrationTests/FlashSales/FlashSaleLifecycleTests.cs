using System.Collections.Concurrent;
using Emporium.FlashSales.Buying;
using Emporium.FlashSales.Sales;
using Emporium.IntegrationTests.Checkout;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales;

/// <summary>
/// A sale from first click to settlement, through the HTTP routes and the two sweeps: more buyers than
/// units race for them, some winners pay (one only after a declined card), the others let their claims
/// expire, the expired units are claimed and paid by late buyers, the sale ends and settles. At the end
/// every unit is accounted for exactly once: sold units are orders, the rest is back on the shelf, and
/// the inventory ledger balances.
/// </summary>
public abstract class FlashSaleLifecycleTests(FlashClockAppFixture fixture)
{
    private const int Stock = 14;
    private const int Units = 10;
    private const int PerUserLimit = 2;
    private const long SalePrice = 650;
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task Claims_are_paid_or_expire_and_after_settlement_every_unit_is_sold_once_or_back_on_the_shelf()
    {
        var admin = (await TestUsers.AdminAsync(_app)).Client;
        var seller = (await TestUsers.SellerAsync(_app)).Client;
        var sale = await FlashSaleApi.CreateSaleAsync(_app, admin, seller, Units, PerUserLimit, Stock, country: "GB", price: SalePrice);

        // 12 buyers, 4 attempts each, all at once, for 10 units with a limit of 2: exactly 10 claims.
        var buyers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => TestUsers.CustomerAsync(_app)));
        var wins = new ConcurrentBag<(HttpClient Buyer, string ClaimId)>();
        var refusals = new ConcurrentBag<int>();
        await Task.WhenAll(buyers.SelectMany(b => Enumerable.Range(0, 4).Select(async _ =>
        {
            var (status, claimId) = await TryClaimAsync(b.Client, sale.SaleId);
            if (claimId is null)
            {
                refusals.Add(status);
            }
            else
            {
                wins.Add((b.Client, claimId));
            }
        })));
        wins.Count.ShouldBe(Units);
        wins.GroupBy(w => w.Buyer).ShouldAllBe(g => g.Count() <= PerUserLimit);
        refusals.ShouldAllBe(status => status == 409 || status == 410);

        // Four winners pay; a fifth is declined and then lets the claim lapse; the other five never pay.
        var claims = wins.ToList();
        var paid = new List<(HttpClient Buyer, string ClaimId, string OrderId)>();
        foreach (var (buyer, claimId) in claims.Take(4))
        {
            paid.Add((buyer, claimId, await PayAsync(buyer, claimId)));
        }

        var (declined, declinedBody) = await PayWithAsync(claims[4].Buyer, claims[4].ClaimId, TestCards.Declines);
        declined.ShouldBe(402, declinedBody);
        (await RemainingAsync(sale.SaleId)).ShouldBe(0, "every unit is claimed, paid or not");

        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        await _app.Services.GetRequiredService<ClaimExpiry>().SweepAsync(CancellationToken.None);
        (await RemainingAsync(sale.SaleId)).ShouldBe(6, "six unpaid claims expired and their units went back to the gate");
        var (late, lateBody) = await PayWithAsync(claims[5].Buyer, claims[5].ClaimId, TestCards.Approves);
        late.ShouldBe(410, lateBody);

        // Late buyers take the six returned units; four pay, two do not.
        var lateBuyers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => TestUsers.CustomerAsync(_app)));
        var lateClaims = new List<(HttpClient Buyer, string ClaimId)>();
        foreach (var buyer in lateBuyers)
        {
            for (var i = 0; i < PerUserLimit; i++)
            {
                var (status, claimId) = await TryClaimAsync(buyer.Client, sale.SaleId);
                status.ShouldBe(201);
                lateClaims.Add((buyer.Client, claimId!));
            }
        }

        (await TryClaimAsync((await TestUsers.CustomerAsync(_app)).Client, sale.SaleId)).Status.ShouldBe(410, "sold out again");
        foreach (var (buyer, claimId) in lateClaims.Take(4))
        {
            paid.Add((buyer, claimId, await PayAsync(buyer, claimId)));
        }

        paid.Select(p => p.OrderId).Distinct().Count().ShouldBe(8, "one order per paid claim");
        foreach (var (buyer, claimId, orderId) in paid)
        {
            var order = await buyer.GetJsonAsync($"/api/orders/{orderId}");
            order.GetProperty("status").GetString().ShouldBe("paid");
            order.GetProperty("totals").GetProperty("subtotal").GetInt64().ShouldBe(SalePrice);
            var line = order.GetProperty("lines").EnumerateArray().Single();
            (line.GetProperty("skuId").GetString(), line.GetProperty("quantity").GetInt32(), line.GetProperty("unitPrice").GetInt64())
                .ShouldBe((sale.SkuId, 1, SalePrice));
            (await buyer.GetJsonAsync($"/api/flash-sales/claims/{claimId}")).GetProperty("orderId").GetString().ShouldBe(orderId);
        }

        // The sale ends; its settle time passes; the sweeps expire the rest and settle it.
        fixture.Clock.Advance(sale.EndsAt - FlashSaleApi.Now(_app) + TimeSpan.FromHours(2));
        await _app.Services.GetRequiredService<ClaimExpiry>().SweepAsync(CancellationToken.None);
        await _app.Services.GetRequiredService<SaleSettlement>().SweepAsync(CancellationToken.None);

        admin = (await TestUsers.AdminAsync(_app)).Client; // the first token ran out while the clock moved
        var view = await FlashSaleApi.GetSaleAsync(admin, sale.SaleId);
        view.GetProperty("status").GetString().ShouldBe("settled");
        var counts = view.GetProperty("claims");
        (counts.GetProperty("claimed").GetInt64(), counts.GetProperty("paying").GetInt64(), counts.GetProperty("paid").GetInt64(), counts.GetProperty("expired").GetInt64())
            .ShouldBe((0, 0, 8, 8));
        foreach (var (_, claimId, _) in paid)
        {
            (await FlashSaleApi.ClaimStatusAsync(_app, claimId)).ShouldBe("paid");
        }

        (await InventoryApi.StockAsync(admin, sale.SkuId)).Total.ShouldBe((Stock - 8, 0, Stock - 8), "eight sold; the allotment's other two units are back on the shelf");
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    private static async Task<(int Status, string? ClaimId)> TryClaimAsync(HttpClient buyer, string saleId)
    {
        using var response = await buyer.PostAsync($"/api/flash-sales/{saleId}/purchase", null);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        return (status, status == 201 ? CheckoutApi.Parse(body).GetProperty("claimId").GetString() : null);
    }

    private static async Task<string> PayAsync(HttpClient buyer, string claimId)
    {
        var (status, body) = await PayWithAsync(buyer, claimId, TestCards.Approves);
        status.ShouldBe(201, body);
        return CheckoutApi.Parse(body).GetProperty("orderId").GetString()!;
    }

    private static async Task<(int Status, string Body)> PayWithAsync(HttpClient buyer, string claimId, string card)
    {
        var token = await CheckoutApi.TokenAsync(buyer, card);
        using var response = await CheckoutApi.PostAsync(
            buyer, Guid.NewGuid().ToString("N"), new { shippingAddress = CheckoutApi.Address, paymentToken = token, claimId });
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<int> RemainingAsync(string saleId)
    {
        using var anonymous = _app.CreateClient();
        return (await anonymous.GetJsonAsync($"/api/flash-sales/{saleId}")).GetProperty("remaining").GetInt32();
    }
}

public sealed class SqliteFlashSaleLifecycleTests(SqliteFlashClockAppFixture fixture) : FlashSaleLifecycleTests(fixture), IClassFixture<SqliteFlashClockAppFixture>;

public sealed class PostgresFlashSaleLifecycleTests(PostgresFlashClockAppFixture fixture) : FlashSaleLifecycleTests(fixture), IClassFixture<PostgresFlashClockAppFixture>;
