using Emporium.FlashSales;
using Emporium.FlashSales.WaitingRoom;
using static Emporium.UnitTests.FlashSales.WaitingRoom.WaitingRoomSpec;

namespace Emporium.UnitTests.FlashSales.WaitingRoom;

/// <summary>One sale's queue in memory: tickets per buyer, join order, the cap, and who may look at a ticket.</summary>
public sealed class SaleQueueTests
{
    private static QueuePlace Joined(SaleQueue queue, string userId, DateTimeOffset at)
    {
        var joined = queue.Join(userId, at);
        joined.IsSuccess.ShouldBeTrue(joined.Error?.Code);
        return joined.Value;
    }

    [Fact]
    public void Buyers_get_positions_in_join_order_and_the_same_buyer_gets_the_same_ticket()
    {
        var queue = new SaleQueue(Sale(admitPerSecond: 2), capacity: 10);

        var ann = Joined(queue, "ann", At(-5));
        var bob = Joined(queue, "bob", At(-4));
        var cid = Joined(queue, "cid", At(-3));
        var annAgain = Joined(queue, "ann", At(-2));

        (ann.IsNew, ann.Ahead, ann.IsAdmitted).ShouldBe((true, 0, false));
        (bob.Ahead, cid.Ahead).ShouldBe((1, 2));
        (annAgain.Ticket, annAgain.IsNew, annAgain.Ahead).ShouldBe((ann.Ticket, false, 0));
        new[] { ann.Ticket, bob.Ticket, cid.Ticket }.Distinct().Count().ShouldBe(3);
        cid.EstimatedWait.ShouldBe(TimeSpan.FromSeconds(3 + 1.5), "3 s to the start, then 3 tickets at 2 per second");
        queue.Issued.ShouldBe(3);
    }

    [Fact]
    public void Tickets_are_admitted_first_come_first_served_at_the_rate()
    {
        var queue = new SaleQueue(Sale(admitPerSecond: 2), capacity: 10);
        var tickets = new[] { "ann", "bob", "cid" }.Select(u => (User: u, Joined(queue, u, At(-1)).Ticket)).ToList();

        bool[] AdmittedAt(double seconds) => [.. tickets.Select(t => queue.Find(t.User, t.Ticket, At(seconds))!.IsAdmitted)];

        AdmittedAt(0).ShouldBe([false, false, false]);
        AdmittedAt(0.5).ShouldBe([true, false, false]);
        AdmittedAt(1).ShouldBe([true, true, false]);
        queue.Find("cid", tickets[2].Ticket, At(1))!.Ahead.ShouldBe(0);
        AdmittedAt(1.5).ShouldBe([true, true, true]);
    }

    [Fact]
    public void Beyond_its_capacity_the_queue_is_full_but_a_buyer_already_in_it_keeps_their_ticket()
    {
        var queue = new SaleQueue(Sale(), capacity: 3);
        var first = Joined(queue, "u1", At(-1));
        Joined(queue, "u2", At(-1));
        Joined(queue, "u3", At(-1));

        var fourth = queue.Join("u4", At(-1));

        fourth.IsSuccess.ShouldBeFalse();
        fourth.Error!.Code.ShouldBe("queue_full");
        Joined(queue, "u1", At(-1)).Ticket.ShouldBe(first.Ticket);
        queue.Issued.ShouldBe(3);

        // Admitted tickets still count: the cap bounds how many buyers the sale ever lets in.
        queue.Join("u4", At(60)).Error!.Code.ShouldBe("queue_full");
    }

    [Fact]
    public void A_ticket_is_found_only_by_its_own_buyer()
    {
        var queue = new SaleQueue(Sale(), capacity: 10);
        var ann = Joined(queue, "ann", At(-1));
        Joined(queue, "bob", At(-1));

        queue.Find("ann", ann.Ticket, At(0))!.Ticket.ShouldBe(ann.Ticket);
        queue.Find("bob", ann.Ticket, At(0)).ShouldBeNull();
        queue.Find("ann", "not-a-ticket", At(0)).ShouldBeNull();
        queue.Find("ann", ann.Ticket.ToUpperInvariant() + "x", At(0)).ShouldBeNull();
    }

    [Fact]
    public void Tickets_are_128_random_bits_in_base64url()
    {
        var queue = new SaleQueue(Sale(quantity: 1000), capacity: 1000);

        var tickets = Enumerable.Range(0, 1000).Select(i => Joined(queue, $"user-{i}", At(-1)).Ticket).ToList();

        tickets.Distinct().Count().ShouldBe(1000);
        tickets.ShouldAllBe(t => t.Length == 22 && t.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'));
    }

    [Fact]
    public async Task Concurrent_joins_get_one_ticket_each_and_every_position_exactly_once()
    {
        const int Buyers = 4000;
        var queue = new SaleQueue(Sale(quantity: Buyers), capacity: Buyers);

        // Each buyer joins twice, from two threads at once.
        var places = await Task.WhenAll(Enumerable.Range(0, Buyers * 2).Select(i => Task.Run(() => (User: $"user-{i % Buyers}", Place: Joined(queue, $"user-{i % Buyers}", At(-1))))));

        queue.Issued.ShouldBe(Buyers);
        places.Count(p => p.Place.IsNew).ShouldBe(Buyers);
        places.GroupBy(p => p.User).ShouldAllBe(g => g.Select(p => p.Place.Ticket).Distinct().Count() == 1);
        places.Where(p => p.Place.IsNew).Select(p => p.Place.Ahead).Order().ShouldBe(Enumerable.Range(0, Buyers).Select(i => (long)i));
    }

    [Fact]
    public async Task The_in_process_room_caps_each_sale_at_the_factor_times_its_quantity_and_keeps_sales_apart()
    {
        var clock = new HandClock(At(-1));
        var room = new InProcessWaitingRoom(new FlashSalesSettings { QueueCapFactor = 3 }, clock);
        var small = Sale(quantity: 2, id: 1);
        var other = Sale(quantity: 2, id: 2);

        for (var i = 0; i < 6; i++)
        {
            (await room.JoinAsync(small, $"u{i}", default)).IsSuccess.ShouldBeTrue();
        }

        (await room.JoinAsync(small, "u6", default)).Error!.Code.ShouldBe("queue_full");
        var elsewhere = (await room.JoinAsync(other, "u6", default)).Value;
        (elsewhere.IsNew, elsewhere.Ahead).ShouldBe((true, 0));
        (await room.FindAsync(small, "u6", elsewhere.Ticket, default)).ShouldBeNull("a ticket belongs to its sale");
    }

    [Fact]
    public async Task The_queues_of_ended_sales_are_forgotten_when_a_new_queue_starts()
    {
        var clock = new HandClock(At(-1));
        var room = new InProcessWaitingRoom(new FlashSalesSettings(), clock);
        var ended = Sale(id: 1);
        var ticket = (await room.JoinAsync(ended, "ann", default)).Value.Ticket;

        clock.Set(ended.EndsAt);
        (await room.FindAsync(ended, "ann", ticket, default)).ShouldNotBeNull("nothing is forgotten until a new queue starts");
        await room.JoinAsync(Sale(id: 2, startsAt: ended.EndsAt.AddMinutes(1)), "ann", default);

        (await room.FindAsync(ended, "ann", ticket, default)).ShouldBeNull();
    }
}
