using Emporium.Contracts.Orders;
using Emporium.Orders.Model;
using static Emporium.UnitTests.Orders.OrderSpec;

namespace Emporium.UnitTests.Orders;

/// <summary>
/// Every (from, to) pair of the state machine, written out as a table: <c>+</c> the move happens (one
/// event of that type), <c>=</c> the order already has that status (nothing changes, success), <c>x</c>
/// refused with <c>order_transition_refused</c> naming both statuses.
/// </summary>
public sealed class OrderTransitionMatrixTests
{
    /// <summary>One command per target status, in the column order of <see cref="Matrix"/>.</summary>
    internal static readonly IReadOnlyDictionary<OrderStatus, OrderCommand> Commands = new Dictionary<OrderStatus, OrderCommand>
    {
        [OrderStatus.Paid] = new OrderCommand.MarkPaid("checkout"),
        [OrderStatus.Packed] = new OrderCommand.Pack("staff:1"),
        [OrderStatus.Shipped] = new OrderCommand.Ship("UPS", "1Z999", "staff:1"),
        [OrderStatus.Delivered] = new OrderCommand.Deliver("staff:1"),
        [OrderStatus.Completed] = new OrderCommand.Complete("system"),
        [OrderStatus.Cancelled] = new OrderCommand.Cancel("reason", Buyer),
        [OrderStatus.Refunded] = new OrderCommand.Refund("returned", "staff:1"),
    };

    private static readonly OrderStatus[] Columns =
        [OrderStatus.Paid, OrderStatus.Packed, OrderStatus.Shipped, OrderStatus.Delivered, OrderStatus.Completed, OrderStatus.Cancelled, OrderStatus.Refunded];

    private static readonly (OrderStatus From, string Cells)[] Matrix =
    [
        //                          paid packed shipped delivered completed cancelled refunded
        (OrderStatus.Placed,    "   +     x      x        x         x         +        x"),
        (OrderStatus.Paid,      "   =     +      x        x         x         +        x"),
        (OrderStatus.Packed,    "   x     =      +        x         x         +        x"),
        (OrderStatus.Shipped,   "   x     x      =        +         x         x        x"),
        (OrderStatus.Delivered, "   x     x      x        =         +         x        +"),
        (OrderStatus.Completed, "   x     x      x        x         =         x        +"),
        (OrderStatus.Cancelled, "   x     x      x        x         x         =        x"),
        (OrderStatus.Refunded,  "   x     x      x        x         x         x        ="),
    ];

    public static TheoryData<OrderStatus, OrderStatus, char> Pairs()
    {
        var data = new TheoryData<OrderStatus, OrderStatus, char>();
        foreach (var (from, row) in Matrix)
        {
            var cells = row.Where(c => !char.IsWhiteSpace(c)).ToArray();
            cells.Length.ShouldBe(Columns.Length);
            for (var i = 0; i < Columns.Length; i++)
            {
                data.Add(from, Columns[i], cells[i]);
            }
        }

        return data;
    }

    [Fact]
    public void The_matrix_covers_every_status_as_a_source_and_every_transition_target()
    {
        Matrix.Select(m => m.From).ShouldBe(Enum.GetValues<OrderStatus>(), ignoreOrder: true);
        Columns.ShouldBe(Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Placed), ignoreOrder: true);
        Pairs().Count.ShouldBe(8 * 7);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Each_pair_is_allowed_idempotent_or_refused_as_the_matrix_says(OrderStatus from, OrderStatus to, char expected)
    {
        var at = T0.AddHours(1);
        var spec = new OrderSpec().Given(PathTo(from));
        spec.State.ShouldBe(new OrderState.Existing(from, PathTo(from).Length));

        spec.When(Commands[to], at);

        switch (expected)
        {
            case '+':
                spec.State.ShouldBe(new OrderState.Existing(to, PathTo(from).Length + 1));
                break;
            case '=':
                spec.ThenNothingChanges();
                spec.State.ShouldBe(new OrderState.Existing(from, PathTo(from).Length));
                break;
            default:
                spec.ThenRefused("order_transition_refused", $"{OrderTransitions.Name(from)} → {OrderTransitions.Name(to)}");
                spec.State.ShouldBe(new OrderState.Existing(from, PathTo(from).Length));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void An_allowed_move_appends_exactly_the_event_of_its_target_with_actor_and_time(OrderStatus from, OrderStatus to, char expected)
    {
        var at = T0.AddHours(1);
        var decision = OrderDecider.Decide(Commands[to], OrderState.Fold(PathTo(from)), at);
        if (expected != '+')
        {
            (decision.IsSuccess ? decision.Value.Count : -1).ShouldBeLessThanOrEqualTo(0);
            return;
        }

        var @event = decision.Value.ShouldHaveSingleItem();
        @event.Status.ShouldBe(to);
        @event.Actor.ShouldBe(Commands[to].Actor);
        @event.At.ShouldBe(at);
        OrderTransitions.Allows(from, to).ShouldBeTrue();
    }

    [Theory]
    [InlineData(OrderStatus.Placed)]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Refunded)]
    public void Placing_an_order_that_exists_changes_nothing_whatever_its_status(OrderStatus status) =>
        new OrderSpec().Given(PathTo(status)).When(new OrderCommand.Place(Buyer, "chk-1", "USD", 7_300, "checkout")).ThenNothingChanges();
}
