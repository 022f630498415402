using Emporium.Contracts.Orders;
using Emporium.Orders.Model;
using static Emporium.Orders.Model.OrderCommand;
using static Emporium.Orders.Model.OrderEvent;
using static Emporium.UnitTests.Orders.OrderSpec;

namespace Emporium.UnitTests.Orders;

public sealed class OrderDeciderSpecs
{
    private static readonly DateTimeOffset Later = T0.AddMinutes(5);

    [Fact]
    public void Placing_a_new_order_records_who_placed_it_and_when_and_a_repeat_changes_nothing()
    {
        var spec = new OrderSpec()
            .When(new Place(Buyer, "chk-1", "USD", 7_300, "checkout"))
            .Then(PlacedAtT0);

        spec.When(new Place(Buyer, "chk-1", "USD", 7_300, "checkout"), Later).ThenNothingChanges();
        spec.State.ShouldBe(new OrderState.Existing(OrderStatus.Placed, 1));
    }

    [Fact]
    public void Every_command_but_placing_is_order_not_found_on_an_order_that_does_not_exist()
    {
        foreach (var command in OrderTransitionMatrixTests.Commands.Values)
        {
            new OrderSpec().When(command).ThenRefused("order_not_found");
        }
    }

    [Fact]
    public void Given_a_placed_order_when_it_is_marked_paid_twice_then_one_Paid_and_then_nothing()
    {
        var spec = new OrderSpec().Given(PlacedAtT0);

        spec.When(new MarkPaid("checkout"), Later).Then(new Paid("checkout", Later));
        spec.When(new MarkPaid("checkout"), Later.AddMinutes(1)).ThenNothingChanges();

        spec.State.ShouldBe(new OrderState.Existing(OrderStatus.Paid, 2));
    }

    [Fact]
    public void Given_a_cancelled_order_a_second_cancel_changes_nothing_and_paying_is_refused_naming_both_statuses()
    {
        new OrderSpec().Given(PlacedAtT0)
            .When(new Cancel("out of stock", "checkout"), Later).Then(new Cancelled("out of stock", "checkout", Later))
            .When(new Cancel("another reason", Buyer), Later).ThenNothingChanges()
            .When(new MarkPaid("checkout"), Later).ThenRefused("order_transition_refused", "cancelled → paid");
    }

    [Fact]
    public void A_shipment_records_its_carrier_and_tracking_number_and_a_refund_its_reason()
    {
        new OrderSpec().Given(PathTo(OrderStatus.Packed))
            .When(new Ship("DHL", "JD0123", "staff:7"), Later).Then(new Shipped("DHL", "JD0123", "staff:7", Later))
            .When(new Deliver("system"), Later).Then(new Delivered("system", Later))
            .When(new Refund("arrived broken", "staff:7"), Later).Then(new Refunded("arrived broken", "staff:7", Later));
    }

    [Fact]
    public void After_shipping_an_order_cannot_be_cancelled()
    {
        foreach (var status in new[] { OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Completed, OrderStatus.Refunded })
        {
            new OrderSpec().Given(PathTo(status))
                .When(new Cancel("too late", Buyer))
                .ThenRefused("order_transition_refused", $"{OrderTransitions.Name(status)} → cancelled");
        }
    }

    [Fact]
    public void Evolve_refuses_an_event_that_cannot_follow_the_state_because_that_is_a_bug_not_input()
    {
        Should.Throw<InvalidOrderTransitionException>(() => OrderState.Fold([new Paid("checkout", T0)]));
        Should.Throw<InvalidOrderTransitionException>(() => OrderState.Fold([PlacedAtT0, PlacedAtT0]));
        Should.Throw<InvalidOrderTransitionException>(() => OrderState.Fold([PlacedAtT0, new Shipped(null, null, "staff:1", T0)]));
        Should.Throw<InvalidOrderTransitionException>(() => OrderState.Fold([.. PathTo(OrderStatus.Cancelled), new Paid("checkout", T0)]));
    }

    [Fact]
    public void Actors_are_shown_to_buyers_as_kinds_never_as_staff_ids()
    {
        OrderActor.KindOf(Buyer, Buyer).ShouldBe("customer");
        OrderActor.KindOf(OrderActor.Staff("admin-9"), Buyer).ShouldBe("staff");
        OrderActor.KindOf("checkout", Buyer).ShouldBe("system");
        OrderActor.KindOf("system", Buyer).ShouldBe("system");
        OrderActor.KindOf("user-2", Buyer).ShouldBe("system", "someone other than the buyer who is not staff acts for the system");
    }
}
