using Emporium.IntegrationTests.Infrastructure;
using static Emporium.IntegrationTests.FlashSales.WaitingRoom.WaitingRoomApi;

namespace Emporium.IntegrationTests.FlashSales.WaitingRoom;

/// <summary>Two app instances on one database and one Redis key prefix, sharing the fake clock; a queue cap of four per unit.</summary>
public sealed class SharedWaitingRoomFixture() : ClockAppFixture(postgres: true, new Dictionary<string, string?>
{
    ["Emporium:RateLimits:Enabled"] = "false",
    ["Emporium:FlashSales:QueueCapFactor"] = "4",
});

/// <summary>
/// The scale-out waiting room under load and across instances: every join is one atomic step in Redis, so
/// concurrent joins never share a place or pass the cap, and every instance sees the same queue.
/// </summary>
public sealed class SharedWaitingRoomTests(SharedWaitingRoomFixture fixture) : IClassFixture<SharedWaitingRoomFixture>
{
    private readonly EmporiumApp _app = fixture.App;

    private async Task<FlashSaleApi.CreatedSale> SaleAsync(int quantity, int admitPerSecond, TimeSpan startsIn)
    {
        var admin = await TestUsers.AdminAsync(_app);
        var seller = await TestUsers.SellerAsync(_app);
        // On a whole millisecond, as sale times are stored, so waits computed here match the room's.
        var now = FlashSaleApi.Now(_app);
        var startsAt = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()) + startsIn;
        return await FlashSaleApi.CreateSaleAsync(_app, admin.Client, seller.Client, quantity, perUserLimit: 1, stock: quantity, startsAt, admitPerSecond: admitPerSecond);
    }

    private static async Task<(int Status, string Body)> JoinAsync(HttpClient client, MintedUsers.Minted buyer, string saleId)
    {
        using var request = buyer.Request(HttpMethod.Post, $"/api/flash-sales/{saleId}/queue");
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Ticket> LookAsync(HttpClient client, MintedUsers.Minted buyer, string saleId, string ticket)
    {
        using var request = buyer.Request(HttpMethod.Get, $"/api/flash-sales/{saleId}/queue/{Uri.EscapeDataString(ticket)}");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, body);
        return Ticket.Parse(body);
    }

    [Fact]
    public async Task Five_hundred_buyers_joining_at_once_on_two_instances_fill_the_cap_exactly_with_distinct_consecutive_places()
    {
        // Quantity 50 × QueueCapFactor 4: 200 tickets. Starts in an hour: nobody is admitted meanwhile.
        var sale = await SaleAsync(quantity: 50, admitPerSecond: 10, startsIn: TimeSpan.FromHours(1));
        await using var other = fixture.StartApp();
        using var first = _app.CreateClient();
        using var second = other.CreateClient();
        var buyers = MintedUsers.Mint(_app, 500);

        var answers = await Task.WhenAll(buyers.Select((buyer, i) => JoinAsync(i % 2 == 0 ? first : second, buyer, sale.SaleId)));

        var joined = answers.Where(a => a.Status == 201).Select(a => Ticket.Parse(a.Body)).ToList();
        joined.Count.ShouldBe(200);
        answers.Where(a => a.Status != 201).ShouldAllBe(a => a.Status == 410 && Code(a.Body) == "queue_full");
        joined.Select(t => t.Position).Order().ShouldBe(Enumerable.Range(0, 200).Select(p => (long)p));
        joined.Select(t => t.Value).Distinct().Count().ShouldBe(200);

        // Each instance answers for tickets the other issued, at the same place.
        var held = answers.Select((a, i) => (Answer: a, Buyer: buyers[i], Client: i % 2 == 0 ? second : first)).Where(x => x.Answer.Status == 201).ToList();
        foreach (var (answer, buyer, client) in held.Take(40))
        {
            var issued = Ticket.Parse(answer.Body);
            (await LookAsync(client, buyer, sale.SaleId, issued.Value)).Position.ShouldBe(issued.Position);
        }
    }

    [Fact]
    public async Task A_buyer_joining_twenty_times_at_once_on_two_instances_holds_one_ticket()
    {
        var sale = await SaleAsync(quantity: 2, admitPerSecond: 10, startsIn: TimeSpan.FromHours(1));
        await using var other = fixture.StartApp();
        using var first = _app.CreateClient();
        using var second = other.CreateClient();
        var buyer = MintedUsers.Mint(_app, 1)[0];

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => JoinAsync(i % 2 == 0 ? first : second, buyer, sale.SaleId)));

        answers.Count(a => a.Status == 201).ShouldBe(1, string.Join('\n', answers));
        answers.Count(a => a.Status == 200).ShouldBe(19);
        answers.Select(a => Ticket.Parse(a.Body)).ShouldAllBe(t => t.Position == 0);
        answers.Select(a => Ticket.Parse(a.Body).Value).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_ticket_joined_on_one_instance_is_found_on_the_other_at_its_place_and_admitted_there_on_time()
    {
        var sale = await SaleAsync(quantity: 5, admitPerSecond: 1, startsIn: TimeSpan.FromSeconds(10));
        await using var other = fixture.StartApp();
        using var first = _app.CreateClient();
        using var second = other.CreateClient();
        var (ann, bob) = (MintedUsers.Mint(_app, 1)[0], MintedUsers.Mint(_app, 1)[0]);

        var annsTicket = Ticket.Parse((await JoinAsync(first, ann, sale.SaleId)).Body);
        var bobsTicket = Ticket.Parse((await JoinAsync(second, bob, sale.SaleId)).Body);
        (annsTicket.Position, bobsTicket.Position).ShouldBe((0L, 1L));

        var annOnSecond = await LookAsync(second, ann, sale.SaleId, annsTicket.Value);
        var bobOnFirst = await LookAsync(first, bob, sale.SaleId, bobsTicket.Value);
        (annOnSecond.Status, annOnSecond.Position, annOnSecond.EstimatedWaitSeconds).ShouldBe(("waiting", 0L, 11L));
        (bobOnFirst.Status, bobOnFirst.Position, bobOnFirst.EstimatedWaitSeconds).ShouldBe(("waiting", 1L, 12L));

        // Joining again on the other instance is the same ticket, not a second place.
        var again = await JoinAsync(second, ann, sale.SaleId);
        again.Status.ShouldBe(200, again.Body);
        Ticket.Parse(again.Body).Value.ShouldBe(annsTicket.Value);

        // One second after the start (rate 1/s) Ann is admitted, on either instance; Bob is next.
        fixture.Clock.Advance(sale.StartsAt.AddSeconds(1) - FlashSaleApi.Now(_app));
        (await LookAsync(first, ann, sale.SaleId, annsTicket.Value)).Status.ShouldBe("admitted");
        (await LookAsync(second, ann, sale.SaleId, annsTicket.Value)).PurchaseToken.ShouldNotBeNullOrEmpty();
        var bobNow = await LookAsync(second, bob, sale.SaleId, bobsTicket.Value);
        (bobNow.Status, bobNow.Position, bobNow.EstimatedWaitSeconds).ShouldBe(("waiting", 0L, 1L));
    }
}
