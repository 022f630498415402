using System.Globalization;
using System.Net.Http.Headers;
using Emporium.FlashSales.Buying;
using Emporium.FlashSales.WaitingRoom;
using Emporium.IntegrationTests.FlashSales.ScaleOut;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.FlashSales.Buying;

/// <summary>
/// <c>POST /api/flash-sales/{saleId}/purchase</c> and <c>GET /api/flash-sales/{saleId}</c>: a claim is stored
/// before the 201; the sale's window, its units and the buyer's limit decide every other answer; once sold
/// out the answer needs no sign-in.
/// </summary>
public abstract class PurchaseTests(BuyingFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    private HttpClient Anonymous() => _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });

    [Fact]
    public async Task A_purchase_answers_201_with_a_claim_that_is_already_stored()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 3, perUserLimit: 1);
        var buyer = await TestUsers.CustomerAsync(_app);
        var now = FlashSaleApi.Now(_app);

        var answer = await BuyingApi.PurchaseAsync(buyer.Client, sale.SaleId);

        answer.Status.ShouldBe(201, answer.Body);
        var body = answer.Json;
        var claimId = answer.ClaimId;
        claimId.ShouldMatch("^[0-9a-f]{32}$");
        answer.Location.ShouldBe($"/api/flash-sales/claims/{claimId}");
        (body.GetProperty("saleId").GetString(), body.GetProperty("skuId").GetString()).ShouldBe((sale.SaleId, sale.SkuId));
        (body.GetProperty("price").GetInt64(), body.GetProperty("currency").GetString()).ShouldBe((sale.Price, "USD"));
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        var stored = (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).ShouldHaveSingleItem();
        (stored.Id, stored.UserId, stored.Status).ShouldBe((claimId, buyer.UserId, "claimed"));
        stored.ClaimedAt.ShouldBe(now.ToUnixTimeMilliseconds(), "the app's clock, to the millisecond");
        stored.ExpiresAt.ShouldBe(stored.ClaimedAt + (long)TimeSpan.FromMinutes(10).TotalMilliseconds, "the claim deadline");
        expiresAt.ToUnixTimeMilliseconds().ShouldBe(stored.ExpiresAt, "the buyer hears the deadline that is stored");
        (await BuyingApi.StandingAsync(Anonymous(), sale.SaleId)).ShouldBe(("active", 2));
    }

    [Fact]
    public async Task Anyone_sees_a_sales_terms_and_standing()
    {
        var now = FlashSaleApi.Now(_app);
        var sale = await BuyingApi.SaleAsync(_app, quantity: 7, perUserLimit: 3, startsAt: now.AddMinutes(30), endsAt: now.AddHours(2), admitPerSecond: 40);

        var view = await BuyingApi.ViewAsync(Anonymous(), sale.SaleId);

        view.GetProperty("id").GetString().ShouldBe(sale.SaleId);
        view.GetProperty("skuId").GetString().ShouldBe(sale.SkuId);
        (view.GetProperty("price").GetInt64(), view.GetProperty("currency").GetString()).ShouldBe((sale.Price, "USD"));
        (view.GetProperty("quantity").GetInt32(), view.GetProperty("perUserLimit").GetInt32(), view.GetProperty("remaining").GetInt32()).ShouldBe((7, 3, 7));
        view.GetProperty("status").GetString().ShouldBe("scheduled");
        view.GetProperty("startsAt").GetDateTimeOffset().ToUnixTimeMilliseconds().ShouldBe(sale.StartsAt.ToUnixTimeMilliseconds());
        view.GetProperty("endsAt").GetDateTimeOffset().ToUnixTimeMilliseconds().ShouldBe(sale.EndsAt.ToUnixTimeMilliseconds());
        view.GetProperty("admitPerSecond").GetInt32().ShouldBe(40);
    }

    [Fact]
    public async Task The_last_unit_sells_out_the_sale_and_then_even_a_signed_out_attempt_hears_sold_out()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 2, perUserLimit: 1);
        var (ann, bob, cy) = (await TestUsers.CustomerAsync(_app), await TestUsers.CustomerAsync(_app), await TestUsers.CustomerAsync(_app));
        (await BuyingApi.PurchaseAsync(ann.Client, sale.SaleId)).Status.ShouldBe(201);
        (await BuyingApi.PurchaseAsync(bob.Client, sale.SaleId)).Status.ShouldBe(201);

        var third = await BuyingApi.PurchaseAsync(cy.Client, sale.SaleId);
        var anonymous = await BuyingApi.PurchaseAsync(Anonymous(), sale.SaleId);
        var forged = await BuyingApi.PurchaseAsync(Anonymous(), sale.SaleId, new AuthenticationHeaderValue("Bearer", "not-a-token"));

        foreach (var answer in new[] { third, anonymous, forged })
        {
            (answer.Status, answer.Code).ShouldBe((410, "sold_out"), answer.Body);
        }

        (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).Select(c => c.UserId).Order().ShouldBe(new[] { ann.UserId, bob.UserId }.Order());
        (await BuyingApi.StandingAsync(Anonymous(), sale.SaleId)).ShouldBe(("soldOut", 0));
    }

    [Fact]
    public async Task A_signed_out_attempt_on_a_sale_with_units_left_is_401()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 2, perUserLimit: 1);
        await BuyingApi.ViewAsync(Anonymous(), sale.SaleId); // its gate is loaded: only sold out is answered before sign-in

        var answer = await BuyingApi.PurchaseAsync(Anonymous(), sale.SaleId);

        answer.Status.ShouldBe(401, answer.Body);
        (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_buyer_at_the_per_user_limit_is_refused_while_units_are_left()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 5, perUserLimit: 2);
        var buyer = await TestUsers.CustomerAsync(_app);
        (await BuyingApi.PurchaseAsync(buyer.Client, sale.SaleId)).Status.ShouldBe(201);
        (await BuyingApi.PurchaseAsync(buyer.Client, sale.SaleId)).Status.ShouldBe(201);

        var third = await BuyingApi.PurchaseAsync(buyer.Client, sale.SaleId);

        (third.Status, third.Code).ShouldBe((409, "per_user_limit_reached"), third.Body);
        (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).Count.ShouldBe(2);
        (await BuyingApi.StandingAsync(Anonymous(), sale.SaleId)).ShouldBe(("active", 3));
    }

    [Fact]
    public async Task A_sale_that_has_not_started_refuses_with_409_and_takes_nothing()
    {
        var now = FlashSaleApi.Now(_app);
        var sale = await BuyingApi.SaleAsync(_app, quantity: 2, perUserLimit: 1, startsAt: now.AddHours(1), endsAt: now.AddHours(2));
        var buyer = await TestUsers.CustomerAsync(_app);

        var answer = await BuyingApi.PurchaseAsync(buyer.Client, sale.SaleId);

        (answer.Status, answer.Code).ShouldBe((409, "sale_not_started"), answer.Body);
        (await BuyingApi.StandingAsync(Anonymous(), sale.SaleId)).ShouldBe(("scheduled", 2));
        (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_ended_sale_refuses_with_410_signed_in_or_not()
    {
        var now = FlashSaleApi.Now(_app);
        var sale = await BuyingApi.SaleAsync(_app, quantity: 2, perUserLimit: 1, startsAt: now, endsAt: now.AddMinutes(20));
        var unseen = await BuyingApi.SaleAsync(_app, quantity: 2, perUserLimit: 1, startsAt: now, endsAt: now.AddMinutes(20));
        var buyer = await TestUsers.CustomerAsync(_app);
        (await BuyingApi.StandingAsync(Anonymous(), sale.SaleId)).ShouldBe(("active", 2));

        fixture.Clock.Advance(TimeSpan.FromMinutes(20));

        // The first sale's gate is loaded (answered before sign-in); the second's is loaded by this attempt.
        var signedIn = await BuyingApi.PurchaseAsync(buyer.Client, sale.SaleId);
        var anonymous = await BuyingApi.PurchaseAsync(Anonymous(), sale.SaleId);
        var first = await BuyingApi.PurchaseAsync(buyer.Client, unseen.SaleId);
        foreach (var answer in new[] { signedIn, anonymous, first })
        {
            (answer.Status, answer.Code).ShouldBe((410, "sale_ended"), answer.Body);
        }

        (await BuyingApi.StandingAsync(Anonymous(), sale.SaleId)).ShouldBe(("ended", 2));
        (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).ShouldBeEmpty();
        (await BuyingApi.StoredClaimsAsync(_app, unseen.SaleId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Unknown_sales_are_404_and_ids_that_cannot_be_sale_ids_are_400()
    {
        var buyer = await TestUsers.CustomerAsync(_app);

        var unknown = await BuyingApi.PurchaseAsync(buyer.Client, "987654321");
        (unknown.Status, unknown.Code).ShouldBe((404, "sale_not_found"), unknown.Body);
        (await Anonymous().GetJsonAsync("/api/flash-sales/987654321", 404)).GetProperty("code").GetString().ShouldBe("sale_not_found");
        foreach (var bad in new[] { "abc", "0", "-4", "12.5", "99999999999999999999" })
        {
            var answer = await BuyingApi.PurchaseAsync(buyer.Client, bad);
            (answer.Status, answer.Code).ShouldBe((400, "validation"), $"{bad}: {answer.Body}");
            answer.Json.GetProperty("errors").TryGetProperty("saleId", out _).ShouldBeTrue();
            (await Anonymous().GetJsonAsync($"/api/flash-sales/{bad}", 400)).GetProperty("code").GetString().ShouldBe("validation");
        }
    }

    [Fact]
    public async Task A_sale_created_after_its_id_was_asked_for_is_found()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 1, perUserLimit: 1);
        var next = (long.Parse(sale.SaleId, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        await Anonymous().GetJsonAsync($"/api/flash-sales/{next}", 404);

        var created = await BuyingApi.SaleAsync(_app, quantity: 1, perUserLimit: 1);

        created.SaleId.ShouldBe(next);
        (await BuyingApi.StandingAsync(Anonymous(), next)).ShouldBe(("active", 1));
    }

    [Fact]
    public async Task The_gate_is_rebuilt_from_stored_claims_counting_all_but_expired_ones()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 6, perUserLimit: 1);
        var (ann, eve) = (await TestUsers.CustomerAsync(_app), await TestUsers.CustomerAsync(_app));
        await FlashSaleApi.InsertClaimAsync(_app, sale.SaleId, ann.UserId, "claimed");
        await FlashSaleApi.InsertClaimAsync(_app, sale.SaleId, "bob", "paying", checkoutId: "checkout-1");
        await FlashSaleApi.InsertClaimAsync(_app, sale.SaleId, "cy", "paid");
        await FlashSaleApi.InsertClaimAsync(_app, sale.SaleId, "dee", "cancelled");
        await FlashSaleApi.InsertClaimAsync(_app, sale.SaleId, eve.UserId, "expired");
        await SharedGate.ForgetGateAsync(_app, sale.SaleId);

        (await BuyingApi.StandingAsync(Anonymous(), sale.SaleId)).ShouldBe(("active", 2));
        (await BuyingApi.PurchaseAsync(ann.Client, sale.SaleId)).Code.ShouldBe("per_user_limit_reached");
        (await BuyingApi.PurchaseAsync(eve.Client, sale.SaleId)).Status.ShouldBe(201, "an expired claim gave its unit and the buyer's slot back");
        (await BuyingApi.StandingAsync(Anonymous(), sale.SaleId)).ShouldBe(("active", 1));
    }

    [Fact]
    public async Task A_sale_with_a_waiting_room_sells_only_to_an_admitted_buyer_with_their_token()
    {
        var sale = await BuyingApi.SaleAsync(_app, quantity: 3, perUserLimit: 1, admitPerSecond: 5);
        var (ann, bob) = (await TestUsers.CustomerAsync(_app), await TestUsers.CustomerAsync(_app));
        var gate = await _app.Services.GetRequiredService<IStockGate>().FindAsync(long.Parse(sale.SaleId, CultureInfo.InvariantCulture), CancellationToken.None);
        var annsToken = _app.Services.GetRequiredService<PurchaseTokens>().Issue(gate!.Sale, ann.UserId, "ticket-1").Value;

        var without = await BuyingApi.PurchaseAsync(ann.Client, sale.SaleId);
        var someoneElses = await BuyingApi.PurchaseAsync(bob.Client, sale.SaleId, purchaseTokenHeader: annsToken);
        var own = await BuyingApi.PurchaseAsync(ann.Client, sale.SaleId, purchaseTokenHeader: annsToken);

        (without.Status, without.Code).ShouldBe((403, "purchase_token_required"), without.Body);
        (someoneElses.Status, someoneElses.Code).ShouldBe((403, "purchase_token_required"), someoneElses.Body);
        own.Status.ShouldBe(201, own.Body);
        (await BuyingApi.StoredClaimsAsync(_app, sale.SaleId)).ShouldHaveSingleItem().UserId.ShouldBe(ann.UserId);
    }
}

public sealed class SqlitePurchaseTests(SqliteBuyingFixture fixture) : PurchaseTests(fixture), IClassFixture<SqliteBuyingFixture>;

public sealed class PostgresPurchaseTests(PostgresBuyingFixture fixture) : PurchaseTests(fixture), IClassFixture<PostgresBuyingFixture>;
