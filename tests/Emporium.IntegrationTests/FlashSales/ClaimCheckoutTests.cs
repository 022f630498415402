using System.Net.Http.Json;
using Emporium.IntegrationTests.Cart;
using Emporium.IntegrationTests.Checkout;
using Emporium.IntegrationTests.Infrastructure;
using Emporium.IntegrationTests.Inventory;

namespace Emporium.IntegrationTests.FlashSales;

/// <summary>A host whose clock the tests move (claim deadlines), rate limits off, on a fresh database.</summary>
public abstract class FlashClockAppFixture(bool postgres) : ClockAppFixture(postgres, new Dictionary<string, string?> { ["Emporium:RateLimits:Enabled"] = "false" });

public sealed class SqliteFlashClockAppFixture() : FlashClockAppFixture(postgres: false);

public sealed class PostgresFlashClockAppFixture() : FlashClockAppFixture(postgres: true);

/// <summary>
/// Paying a flash-sale claim through <c>POST /api/checkout</c> with <c>{ claimId }</c>: one unit at the
/// sale's price, its stock carved out of the sale's allotment, the claim paid; a declined card gives the
/// claim and its unit back; only the buyer pays, once, before the deadline, in the sale's market.
/// </summary>
public abstract class ClaimCheckoutTests(FlashClockAppFixture fixture)
{
    private const int Stock = 8;
    private const int Allotment = 5;
    private const long SalePrice = 700;
    private readonly EmporiumApp _app = fixture.App;

    private async Task<(FlashSaleApi.CreatedSale Sale, HttpClient Seller)> SaleAsync(string country = "GB")
    {
        var admin = await TestUsers.AdminAsync(_app);
        var seller = await TestUsers.SellerAsync(_app);
        var sale = await FlashSaleApi.CreateSaleAsync(_app, admin.Client, seller.Client, Allotment, perUserLimit: 2, Stock, country: country, price: SalePrice);
        return (sale, seller.Client);
    }

    private static async Task<string> ClaimAsync(HttpClient buyer, string saleId)
    {
        using var response = await buyer.PostAsync($"/api/flash-sales/{saleId}/purchase", null);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        return CheckoutApi.Parse(body).GetProperty("claimId").GetString()!;
    }

    private static async Task<(int Status, string Body)> PayAsync(HttpClient buyer, string claimId, string card, string? key = null, object? address = null)
    {
        var token = await CheckoutApi.TokenAsync(buyer, card);
        using var response = await CheckoutApi.PostAsync(
            buyer, key ?? Guid.NewGuid().ToString("N"), new { shippingAddress = address ?? CheckoutApi.Address, paymentToken = token, claimId });
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> ClaimStatusAsync(HttpClient buyer, string claimId) =>
        (await buyer.GetJsonAsync($"/api/flash-sales/claims/{claimId}")).GetProperty("status").GetString()!;

    [Fact]
    public async Task A_claim_is_paid_at_the_sale_price_from_the_allotment_and_the_cart_is_left_alone()
    {
        var (sale, seller) = await SaleAsync();
        var other = (await InventoryApi.SellerSkusAsync(_app, seller))[0];
        var buyer = await TestUsers.CustomerAsync(_app);
        await CartApi.ExpectAsync(buyer.Client.PutAsJsonAsync($"/api/cart/items/{other}", new { quantity = 1 }), 200);
        var claimId = await ClaimAsync(buyer.Client, sale.SaleId);

        var (status, body) = await PayAsync(buyer.Client, claimId, TestCards.Approves);

        status.ShouldBe(201, body);
        var order = await buyer.Client.GetJsonAsync($"/api/orders/{CheckoutApi.Parse(body).GetProperty("orderId").GetString()}");
        order.GetProperty("status").GetString().ShouldBe("paid");
        var line = order.GetProperty("lines").EnumerateArray().Single();
        (line.GetProperty("skuId").GetString(), line.GetProperty("quantity").GetInt32(), line.GetProperty("unitPrice").GetInt64())
            .ShouldBe((sale.SkuId, 1, SalePrice));
        (await ClaimStatusAsync(buyer.Client, claimId)).ShouldBe("paid");
        // One unit sold; the rest of the allotment is still held for the sale.
        (await InventoryApi.StockAsync(seller, sale.SkuId)).Total.ShouldBe((Stock - 1, Allotment - 1, Stock - Allotment));
        (await buyer.Client.GetJsonAsync("/api/cart")).GetProperty("lines").GetArrayLength().ShouldBe(1, "a claim checkout does not touch the cart");
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_declined_card_gives_the_unit_back_to_the_allotment_and_the_claim_can_be_paid_again()
    {
        var (sale, seller) = await SaleAsync();
        var buyer = await TestUsers.CustomerAsync(_app);
        var claimId = await ClaimAsync(buyer.Client, sale.SaleId);

        var (declined, body) = await PayAsync(buyer.Client, claimId, TestCards.Declines);

        declined.ShouldBe(402, body);
        (await ClaimStatusAsync(buyer.Client, claimId)).ShouldBe("claimed");
        (await InventoryApi.StockAsync(seller, sale.SkuId)).Total.ShouldBe((Stock, Allotment, Stock - Allotment), "the unit is back in the allotment, not on the shelf");

        var (paid, paidBody) = await PayAsync(buyer.Client, claimId, TestCards.Approves);
        paid.ShouldBe(201, paidBody);
        (await ClaimStatusAsync(buyer.Client, claimId)).ShouldBe("paid");
        (await InventoryApi.StockAsync(seller, sale.SkuId)).Total.ShouldBe((Stock - 1, Allotment - 1, Stock - Allotment));
        (await LedgerAssertions.ViolationsAsync(_app.Database)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_the_buyer_pays_their_claim_and_only_once()
    {
        var (sale, seller) = await SaleAsync();
        var buyer = await TestUsers.CustomerAsync(_app);
        var stranger = await TestUsers.CustomerAsync(_app);
        var claimId = await ClaimAsync(buyer.Client, sale.SaleId);

        var (theirs, theirsBody) = await PayAsync(stranger.Client, claimId, TestCards.Approves);
        theirs.ShouldBe(404, theirsBody);
        CheckoutApi.Parse(theirsBody).GetProperty("code").GetString().ShouldBe("claim_not_found");
        var (unknown, unknownBody) = await PayAsync(buyer.Client, "no-such-claim", TestCards.Approves);
        unknown.ShouldBe(404, unknownBody);

        var key = Guid.NewGuid().ToString("N");
        (await PayAsync(buyer.Client, claimId, TestCards.Approves, key)).Status.ShouldBe(201);
        var (again, againBody) = await PayAsync(buyer.Client, claimId, TestCards.Approves);
        again.ShouldBe(409, againBody);
        CheckoutApi.Parse(againBody).GetProperty("code").GetString().ShouldBe("claim_paid");
        (await InventoryApi.StockAsync(seller, sale.SkuId)).Total.ShouldBe((Stock - 1, Allotment - 1, Stock - Allotment), "one unit sold, not two");
    }

    [Fact]
    public async Task A_claim_is_delivered_only_in_the_sales_market()
    {
        var (sale, seller) = await SaleAsync(country: "US");
        var buyer = await TestUsers.CustomerAsync(_app);
        var claimId = await ClaimAsync(buyer.Client, sale.SaleId);

        var (status, body) = await PayAsync(buyer.Client, claimId, TestCards.Approves); // the address is in GB

        status.ShouldBe(422, body);
        CheckoutApi.Parse(body).GetProperty("code").GetString().ShouldBe("claim_not_deliverable");
        (await ClaimStatusAsync(buyer.Client, claimId)).ShouldBe("claimed");
        (await InventoryApi.StockAsync(seller, sale.SkuId)).Total.ShouldBe((Stock, Allotment, Stock - Allotment));
    }

    [Fact]
    public async Task A_claim_past_its_deadline_cannot_be_paid()
    {
        var (sale, seller) = await SaleAsync();
        var buyer = await TestUsers.CustomerAsync(_app);
        var claimId = await ClaimAsync(buyer.Client, sale.SaleId);
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));

        var (status, body) = await PayAsync(buyer.Client, claimId, TestCards.Approves);

        status.ShouldBe(410, body);
        CheckoutApi.Parse(body).GetProperty("code").GetString().ShouldBe("claim_expired");
        (await InventoryApi.StockAsync(seller, sale.SkuId)).Total.ShouldBe((Stock, Allotment, Stock - Allotment), "nothing was carved or sold");
    }
}

public sealed class SqliteClaimCheckoutTests(SqliteFlashClockAppFixture fixture) : ClaimCheckoutTests(fixture), IClassFixture<SqliteFlashClockAppFixture>;

public sealed class PostgresClaimCheckoutTests(PostgresFlashClockAppFixture fixture) : ClaimCheckoutTests(fixture), IClassFixture<PostgresFlashClockAppFixture>;
