using System.Net.Http.Headers;
using System.Text.Json;
using Emporium.IntegrationTests.Infrastructure;
using static Emporium.IntegrationTests.FlashSales.WaitingRoom.WaitingRoomApi;

namespace Emporium.IntegrationTests.FlashSales.WaitingRoom;

/// <summary>
/// Admission on the (fake) clock: nobody before the start, then first come first served at the rate; an
/// admitted ticket carries a purchase token, and the purchase route of a sale with a waiting room takes
/// only its buyer's own unexpired token. Tokens outlive a restart; the queue does not.
/// </summary>
public abstract class WaitingRoomAdmissionTests(WaitingRoomClockFixture fixture)
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(2);
    private readonly EmporiumApp _app = fixture.App;
    private readonly FakeTimeProvider _clock = fixture.Clock;

    /// <summary>A sale with a waiting room; by default it starts now (the fake clock's now).</summary>
    private async Task<FlashSaleApi.CreatedSale> SaleAsync(int admitPerSecond, int quantity = 5, TimeSpan? startsIn = null, TimeSpan? lasts = null)
    {
        var admin = await TestUsers.AdminAsync(_app);
        var seller = await TestUsers.SellerAsync(_app);
        // The clock on a whole millisecond, as sale times are stored, so "starts now" is exactly now and
        // the tests can move the clock to exact times around the start.
        var now = FlashSaleApi.Now(_app);
        var aligned = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        if (aligned < now)
        {
            _clock.Advance(aligned.AddMilliseconds(1) - now);
        }

        var startsAt = FlashSaleApi.Now(_app) + (startsIn ?? TimeSpan.Zero);
        var endsAt = startsAt + (lasts ?? TimeSpan.FromMinutes(30));
        return await FlashSaleApi.CreateSaleAsync(_app, admin.Client, seller.Client, quantity, perUserLimit: 1, stock: quantity, startsAt, endsAt, admitPerSecond);
    }

    private async Task<List<TestUsers.SignedIn>> BuyersAsync(int count)
    {
        var buyers = new List<TestUsers.SignedIn>();
        for (var i = 0; i < count; i++)
        {
            buyers.Add(await TestUsers.CustomerAsync(_app));
        }

        return buyers;
    }

    private void MoveTo(DateTimeOffset time)
    {
        var now = FlashSaleApi.Now(_app);
        now.ShouldBeLessThanOrEqualTo(time);
        _clock.Advance(time - now);
    }

    [Fact]
    public async Task Nobody_is_admitted_before_the_start_then_tickets_are_admitted_in_join_order_at_the_rate()
    {
        var sale = await SaleAsync(admitPerSecond: 2, startsIn: TimeSpan.FromSeconds(30));
        var buyers = await BuyersAsync(3);
        var tickets = new List<Ticket>();
        foreach (var buyer in buyers)
        {
            tickets.Add(await JoinAsync(buyer.Client, sale.SaleId));
        }

        tickets.Select(t => (t.Status, t.Position)).ShouldBe([("waiting", 0L), ("waiting", 1L), ("waiting", 2L)]);
        var waits = tickets.Select(t => t.EstimatedWaitSeconds).ToList();
        waits.ShouldBe([31L, 31L, 32L], "30 s to the start, then 0.5 s per ticket up to and including each, rounded up");

        async Task<List<(string Status, long Position)>> LookAsync()
        {
            var seen = new List<(string, long)>();
            for (var i = 0; i < buyers.Count; i++)
            {
                var ticket = await GetAsync(buyers[i].Client, sale.SaleId, tickets[i].Value);
                seen.Add((ticket.Status, ticket.Position));
            }

            return seen;
        }

        MoveTo(sale.StartsAt);
        (await LookAsync()).ShouldBe([("waiting", 0L), ("waiting", 1L), ("waiting", 2L)], "the start itself admits nobody yet");

        MoveTo(sale.StartsAt.AddSeconds(0.5));
        var first = await GetAsync(buyers[0].Client, sale.SaleId, tickets[0].Value);
        (first.Status, first.Position, first.EstimatedWaitSeconds).ShouldBe(("admitted", 0L, 0L));
        first.PurchaseToken.ShouldNotBeNullOrEmpty();
        first.PurchaseTokenExpiresAt.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds((FlashSaleApi.Now(_app) + TokenLifetime).ToUnixTimeMilliseconds()));
        (await LookAsync()).ShouldBe([("admitted", 0L), ("waiting", 0L), ("waiting", 1L)]);

        MoveTo(sale.StartsAt.AddSeconds(1.5));
        (await LookAsync()).ShouldBe([("admitted", 0L), ("admitted", 0L), ("admitted", 0L)]);

        // A latecomer joins at the back and is admitted one interval later, not at once.
        var late = await TestUsers.CustomerAsync(_app);
        var lateTicket = await JoinAsync(late.Client, sale.SaleId);
        (lateTicket.Status, lateTicket.Position, lateTicket.EstimatedWaitSeconds).ShouldBe(("waiting", 0L, 1L));
        MoveTo(sale.StartsAt.AddSeconds(2));
        (await GetAsync(late.Client, sale.SaleId, lateTicket.Value)).Status.ShouldBe("admitted");
    }

    [Fact]
    public async Task The_purchase_route_takes_only_the_buyers_own_unexpired_purchase_token()
    {
        var sale = await SaleAsync(admitPerSecond: 10);
        var buyers = await BuyersAsync(3);
        var tickets = new List<Ticket>();
        foreach (var buyer in buyers)
        {
            tickets.Add(await JoinAsync(buyer.Client, sale.SaleId));
        }

        MoveTo(sale.StartsAt.AddSeconds(1));
        var tokens = new List<string>();
        for (var i = 0; i < buyers.Count; i++)
        {
            var admitted = await GetAsync(buyers[i].Client, sale.SaleId, tickets[i].Value);
            admitted.Status.ShouldBe("admitted");
            tokens.Add(admitted.PurchaseToken!);
        }

        var (ann, bob, cid) = (buyers[0].Client, buyers[1].Client, buyers[2].Client);
        (await PurchaseAsync(ann, sale.SaleId, null)).ShouldBeProblem(403, "purchase_token_required");
        (await PurchaseAsync(ann, sale.SaleId, "not-a-token")).ShouldBeProblem(403, "purchase_token_required");
        (await PurchaseAsync(ann, sale.SaleId, tokens[1])).ShouldBeProblem(403, "purchase_token_required");

        var (status, body) = await PurchaseAsync(ann, sale.SaleId, tokens[0]);
        status.ShouldBe(201, body);
        var claimId = JsonDocument.Parse(body).RootElement.GetProperty("claimId").GetString()!;
        (await FlashSaleApi.ClaimStatusAsync(_app, claimId)).ShouldBe("claimed");

        // Bob's token is his: it still works for him after Ann tried it.
        (await PurchaseAsync(bob, sale.SaleId, tokens[1])).Status.ShouldBe(201);

        // Cid waits past his token's lifetime: it no longer admits him, but looking at his ticket gives a fresh one.
        MoveTo(FlashSaleApi.Now(_app) + TokenLifetime);
        (await PurchaseAsync(cid, sale.SaleId, tokens[2])).ShouldBeProblem(403, "purchase_token_required");
        var fresh = await GetAsync(cid, sale.SaleId, tickets[2].Value);
        (await PurchaseAsync(cid, sale.SaleId, fresh.PurchaseToken)).Status.ShouldBe(201);

        // A token for another sale is worthless here.
        var other = await SaleAsync(admitPerSecond: 10);
        (await PurchaseAsync(ann, other.SaleId, tokens[0])).ShouldBeProblem(403, "purchase_token_required");
    }

    [Fact]
    public async Task Once_sold_out_the_waiting_room_turns_buyers_away()
    {
        var sale = await SaleAsync(admitPerSecond: 10, quantity: 1);
        var (winner, waiting, late) = (await TestUsers.CustomerAsync(_app), await TestUsers.CustomerAsync(_app), await TestUsers.CustomerAsync(_app));
        var winnerTicket = await JoinAsync(winner.Client, sale.SaleId);
        var waitingTicket = await JoinAsync(waiting.Client, sale.SaleId);
        MoveTo(sale.StartsAt.AddSeconds(0.1));
        var token = (await GetAsync(winner.Client, sale.SaleId, winnerTicket.Value)).PurchaseToken;

        (await PurchaseAsync(winner.Client, sale.SaleId, token)).Status.ShouldBe(201);

        (await JoinRawAsync(late.Client, sale.SaleId)).ShouldBeProblem(410, "sold_out");
        (await GetRawAsync(waiting.Client, sale.SaleId, waitingTicket.Value)).ShouldBeProblem(410, "sold_out");
    }

    [Fact]
    public async Task Once_the_sale_has_ended_the_waiting_room_turns_buyers_away()
    {
        var sale = await SaleAsync(admitPerSecond: 10, lasts: TimeSpan.FromSeconds(30));
        var (early, late) = (await TestUsers.CustomerAsync(_app), await TestUsers.CustomerAsync(_app));
        var ticket = await JoinAsync(early.Client, sale.SaleId);

        MoveTo(sale.EndsAt);

        (await JoinRawAsync(late.Client, sale.SaleId)).ShouldBeProblem(410, "sale_ended");
        (await GetRawAsync(early.Client, sale.SaleId, ticket.Value)).ShouldBeProblem(410, "sale_ended");
    }

    [Fact]
    public async Task After_a_restart_issued_purchase_tokens_still_admit_and_only_the_scale_out_queue_is_remembered()
    {
        var sale = await SaleAsync(admitPerSecond: 10);
        var (admitted, waiting) = (await TestUsers.CustomerAsync(_app), await TestUsers.CustomerAsync(_app));
        var admittedTicket = await JoinAsync(admitted.Client, sale.SaleId);
        MoveTo(sale.StartsAt.AddSeconds(0.1));
        var token = (await GetAsync(admitted.Client, sale.SaleId, admittedTicket.Value)).PurchaseToken;
        var waitingTicket = await JoinAsync(waiting.Client, sale.SaleId);

        await using var restarted = fixture.Restarted();
        using var admittedAfter = ClientOf(restarted, admitted.Client);
        using var waitingAfter = ClientOf(restarted, waiting.Client);

        if (fixture.QueueOutlivesTheProcess)
        {
            // Redis keeps the queue: both tickets are where they were, and the waiting one is next.
            (await GetAsync(admittedAfter, sale.SaleId, admittedTicket.Value)).Status.ShouldBe("admitted");
            var kept = await GetAsync(waitingAfter, sale.SaleId, waitingTicket.Value);
            (kept.Status, kept.Position).ShouldBe(("waiting", 0L));
            (await JoinAsync(waitingAfter, sale.SaleId, expectedStatus: 200)).Value.ShouldBe(waitingTicket.Value);
        }
        else
        {
            (await GetRawAsync(waitingAfter, sale.SaleId, waitingTicket.Value)).ShouldBeProblem(404, "ticket_not_found");
            (await GetRawAsync(admittedAfter, sale.SaleId, admittedTicket.Value)).ShouldBeProblem(404, "ticket_not_found");

            // The waiting buyer joins the new queue afresh.
            var rejoined = await JoinAsync(waitingAfter, sale.SaleId);
            (rejoined.Position, rejoined.Value == waitingTicket.Value).ShouldBe((0L, false));
        }

        var (status, body) = await PurchaseAsync(admittedAfter, sale.SaleId, token);
        status.ShouldBe(201, body);
    }

    /// <summary>A client of <paramref name="app"/> signed in as <paramref name="signedIn"/> (bearer tokens survive a restart too).</summary>
    private static HttpClient ClientOf(EmporiumApp app, HttpClient signedIn)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", signedIn.DefaultRequestHeaders.Authorization!.Parameter);
        return client;
    }
}

public sealed class SqliteWaitingRoomAdmissionTests(SqliteWaitingRoomClockFixture fixture)
    : WaitingRoomAdmissionTests(fixture), IClassFixture<SqliteWaitingRoomClockFixture>;

public sealed class PostgresWaitingRoomAdmissionTests(PostgresWaitingRoomClockFixture fixture)
    : WaitingRoomAdmissionTests(fixture), IClassFixture<PostgresWaitingRoomClockFixture>;
