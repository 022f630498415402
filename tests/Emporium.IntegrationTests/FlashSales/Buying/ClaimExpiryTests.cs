using Emporium.FlashSales.Buying;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales.Buying;

/// <summary>
/// A claim nobody pays by its deadline expires once, and its unit and the buyer's slot come back: the same
/// buyer (or anyone) may claim it again. A claim in checkout does not expire.
/// </summary>
public abstract class ClaimExpiryTests(BuyingFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    private ClaimExpiry Expiry => _app.Services.GetRequiredService<ClaimExpiry>();

    [Fact]
    public async Task An_unpaid_claim_expires_at_its_deadline_and_its_unit_can_be_claimed_again()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 1, perUserLimit: 1);
        var (ann, bob) = (await TestUsers.CustomerAsync(_app), await TestUsers.CustomerAsync(_app));
        var first = await BuyingApi.PurchaseAsync(ann.Client, sale.SaleId);
        first.Status.ShouldBe(201, first.Body);
        (await BuyingApi.PurchaseAsync(bob.Client, sale.SaleId)).Code.ShouldBe("sold_out");

        fixture.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(2));
        (await Expiry.SweepAsync(CancellationToken.None)).ShouldBe(0, "not due yet");
        fixture.Clock.Advance(TimeSpan.FromMilliseconds(2));
        (await Expiry.SweepAsync(CancellationToken.None)).ShouldBe(1);
        (await Expiry.SweepAsync(CancellationToken.None)).ShouldBe(0, "each claim expires once");

        (await FlashSaleApi.ClaimStatusAsync(_app, first.ClaimId)).ShouldBe("expired");
        (await BuyingApi.StandingAsync(ann.Client, sale.SaleId)).ShouldBe(("active", 1));
        var again = await BuyingApi.PurchaseAsync(ann.Client, sale.SaleId);
        again.Status.ShouldBe(201, "the buyer's slot came back with the unit");
        (await BuyingApi.PurchaseAsync(bob.Client, sale.SaleId)).Code.ShouldBe("sold_out");
        (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).Select(c => (c.Id, c.Status)).Order()
            .ShouldBe(new[] { (first.ClaimId, "expired"), (again.ClaimId, "claimed") }.Order());
    }

    [Fact]
    public async Task A_claim_in_checkout_does_not_expire_and_one_expired_before_its_gate_loads_is_counted_from_storage()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 3, perUserLimit: 1);
        var now = FlashSaleApi.Now(_app);
        var paying = await FlashSaleApi.InsertClaimAsync(_app, sale.SaleId, "paying-buyer", "paying", expiresAt: now.AddMinutes(1), checkoutId: "checkout-1");
        var due = await FlashSaleApi.InsertClaimAsync(_app, sale.SaleId, "late-buyer", "claimed", expiresAt: now.AddMinutes(1));

        // Expired while no gate is loaded: the gate is then built from storage, which already counts it out.
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        (await Expiry.SweepAsync(CancellationToken.None)).ShouldBe(1);

        (await FlashSaleApi.ClaimStatusAsync(_app, paying)).ShouldBe("paying");
        (await FlashSaleApi.ClaimStatusAsync(_app, due)).ShouldBe("expired");
        (await BuyingApi.StandingAsync(_app.CreateClient(), sale.SaleId)).ShouldBe(("active", 2));
        (await Expiry.SweepAsync(CancellationToken.None)).ShouldBe(0);
        (await BuyingApi.StandingAsync(_app.CreateClient(), sale.SaleId)).ShouldBe(("active", 2));
    }

    [Fact]
    public async Task The_background_sweep_expires_claims_when_the_clock_passes_its_interval()
    {
        await using var database = await fixture.FreshDatabaseAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new EmporiumApp(
            new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false", ["Emporium:FlashSales:SweepSeconds"] = "30" },
            services => services.AddSingleton<TimeProvider>(clock));
        var sale = await BuyingApi.SaleAsync(app, quantity: 1, perUserLimit: 1);
        var buyer = await TestUsers.CustomerAsync(app);
        var claim = await BuyingApi.PurchaseAsync(buyer.Client, sale.SaleId);
        claim.Status.ShouldBe(201, claim.Body);

        clock.Advance(TimeSpan.FromMinutes(11));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await FlashSaleApi.ClaimStatusAsync(app, claim.ClaimId) != "expired")
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the sweep did not expire the claim");
            await Task.Delay(50);
        }

        (await BuyingApi.StandingAsync(buyer.Client, sale.SaleId)).ShouldBe(("active", 1));
    }
}

public sealed class SqliteClaimExpiryTests(SqliteBuyingFixture fixture) : ClaimExpiryTests(fixture), IClassFixture<SqliteBuyingFixture>;

public sealed class PostgresClaimExpiryTests(PostgresBuyingFixture fixture) : ClaimExpiryTests(fixture), IClassFixture<PostgresBuyingFixture>;
