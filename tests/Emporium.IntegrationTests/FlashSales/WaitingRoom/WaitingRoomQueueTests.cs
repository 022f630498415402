using Emporium.IntegrationTests.Infrastructure;
using static Emporium.IntegrationTests.FlashSales.WaitingRoom.WaitingRoomApi;

namespace Emporium.IntegrationTests.FlashSales.WaitingRoom;

/// <summary>
/// Joining a sale's waiting room before its start (on the real clock nobody is admitted during these
/// tests): one ticket per buyer, positions in join order, tickets private to their buyer, and the cap.
/// </summary>
public abstract class WaitingRoomQueueTests(AppFixture fixture)
{
    private const int Rate = 4;
    private readonly EmporiumApp _app = fixture.App;

    /// <summary>A sale that starts in an hour: its queue only fills while these tests run.</summary>
    private async Task<FlashSaleApi.CreatedSale> SaleAsync(int quantity = 5, int? admitPerSecond = Rate)
    {
        var admin = await TestUsers.AdminAsync(_app);
        var seller = await TestUsers.SellerAsync(_app);
        var startsAt = FlashSaleApi.Now(_app).AddHours(1);
        return await FlashSaleApi.CreateSaleAsync(_app, admin.Client, seller.Client, quantity, perUserLimit: 1, stock: quantity, startsAt, admitPerSecond: admitPerSecond);
    }

    /// <summary>The time to the start (as stored: whole milliseconds), then one admission interval per ticket up to this one.</summary>
    private static long WaitSeconds(FlashSaleApi.CreatedSale sale, DateTimeOffset now, long position) =>
        (long)Math.Ceiling((DateTimeOffset.FromUnixTimeMilliseconds(sale.StartsAt.ToUnixTimeMilliseconds()) - now).TotalSeconds + ((position + 1) / (double)Rate));

    [Fact]
    public async Task Joining_gives_a_ticket_and_the_same_buyer_joining_again_gets_the_same_ticket()
    {
        var sale = await SaleAsync();
        var buyer = await TestUsers.CustomerAsync(_app);

        var before = FlashSaleApi.Now(_app);
        var ticket = await JoinAsync(buyer.Client, sale.SaleId);
        var after = FlashSaleApi.Now(_app);

        (ticket.Status, ticket.Position, ticket.PurchaseToken, ticket.PurchaseTokenExpiresAt).ShouldBe(("waiting", 0L, (string?)null, (DateTimeOffset?)null));
        ticket.Value.Length.ShouldBe(22);
        ticket.EstimatedWaitSeconds.ShouldBeInRange(WaitSeconds(sale, after, 0), WaitSeconds(sale, before, 0));

        var again = await JoinAsync(buyer.Client, sale.SaleId, expectedStatus: 200);
        (again.Value, again.Status, again.Position).ShouldBe((ticket.Value, "waiting", 0L));
        var looked = await GetAsync(buyer.Client, sale.SaleId, ticket.Value);
        (looked.Value, looked.Status, looked.Position).ShouldBe((ticket.Value, "waiting", 0L));
    }

    [Fact]
    public async Task Positions_follow_the_order_buyers_joined_in()
    {
        var sale = await SaleAsync();
        var buyers = new List<TestUsers.SignedIn>();
        for (var i = 0; i < 4; i++)
        {
            buyers.Add(await TestUsers.CustomerAsync(_app));
        }

        var tickets = new List<Ticket>();
        foreach (var buyer in buyers)
        {
            tickets.Add(await JoinAsync(buyer.Client, sale.SaleId));
        }

        tickets.Select(t => t.Position).ShouldBe([0L, 1L, 2L, 3L]);
        tickets.Select(t => t.Value).Distinct().Count().ShouldBe(4);
        tickets.Zip(tickets.Skip(1)).ShouldAllBe(pair => pair.First.EstimatedWaitSeconds <= pair.Second.EstimatedWaitSeconds);
        for (var i = 0; i < buyers.Count; i++)
        {
            (await GetAsync(buyers[i].Client, sale.SaleId, tickets[i].Value)).Position.ShouldBe(i);
        }
    }

    [Fact]
    public async Task A_ticket_is_private_to_its_buyer_and_a_forged_one_is_not_found()
    {
        var sale = await SaleAsync();
        var owner = await TestUsers.CustomerAsync(_app);
        var stranger = await TestUsers.CustomerAsync(_app);
        var ticket = await JoinAsync(owner.Client, sale.SaleId);

        (await GetRawAsync(stranger.Client, sale.SaleId, ticket.Value)).ShouldBeProblem(404, "ticket_not_found");
        (await GetRawAsync(owner.Client, sale.SaleId, "AAAAAAAAAAAAAAAAAAAAAA")).ShouldBeProblem(404, "ticket_not_found");

        // The ticket belongs to its sale too.
        var other = await SaleAsync();
        await JoinAsync(owner.Client, other.SaleId);
        (await GetRawAsync(owner.Client, other.SaleId, ticket.Value)).ShouldBeProblem(404, "ticket_not_found");

        // Looking did not join the stranger: their own first join is still at the back.
        (await JoinAsync(stranger.Client, sale.SaleId)).Position.ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_sales_bad_ids_and_sales_without_a_waiting_room_are_refused()
    {
        var buyer = await TestUsers.CustomerAsync(_app);
        var direct = await SaleAsync(admitPerSecond: null);

        (await JoinRawAsync(buyer.Client, "987654321")).ShouldBeProblem(404, "sale_not_found");
        (await GetRawAsync(buyer.Client, "987654321", "AAAAAAAAAAAAAAAAAAAAAA")).ShouldBeProblem(404, "sale_not_found");
        (await JoinRawAsync(buyer.Client, "not-a-sale")).ShouldBeProblem(400, "validation");
        (await JoinRawAsync(buyer.Client, "0")).ShouldBeProblem(400, "validation");
        (await JoinRawAsync(buyer.Client, direct.SaleId)).ShouldBeProblem(409, "no_waiting_room");
    }

    [Fact]
    public async Task Joining_requires_signing_in()
    {
        var sale = await SaleAsync();
        using var guest = _app.CreateClient();

        (await JoinRawAsync(guest, sale.SaleId)).Status.ShouldBe(401);
    }

    [Fact]
    public async Task Beyond_three_times_the_quantity_the_queue_answers_queue_full_at_once()
    {
        // Quantity 2, QueueCapFactor 3 (the default): six tickets.
        var sale = await SaleAsync(quantity: 2);
        var tickets = new List<(TestUsers.SignedIn Buyer, Ticket Ticket)>();
        for (var i = 0; i < 6; i++)
        {
            var buyer = await TestUsers.CustomerAsync(_app);
            tickets.Add((buyer, await JoinAsync(buyer.Client, sale.SaleId)));
        }

        var late = await TestUsers.CustomerAsync(_app);
        (await JoinRawAsync(late.Client, sale.SaleId)).ShouldBeProblem(410, "queue_full");
        (await JoinRawAsync(late.Client, sale.SaleId)).ShouldBeProblem(410, "queue_full");

        // Those already in keep their place.
        var first = await JoinAsync(tickets[0].Buyer.Client, sale.SaleId, expectedStatus: 200);
        (first.Value, first.Position).ShouldBe((tickets[0].Ticket.Value, 0L));
        (await GetAsync(tickets[5].Buyer.Client, sale.SaleId, tickets[5].Ticket.Value)).Position.ShouldBe(5);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteWaitingRoomQueueTests(SqliteAppFixture fixture) : WaitingRoomQueueTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresWaitingRoomQueueTests(PostgresAppFixture fixture) : WaitingRoomQueueTests(fixture);
