using Emporium.Contracts.Orders;
using Emporium.Orders.Model;
using Emporium.Orders.Storage;
using static Emporium.UnitTests.Orders.OrderSpec;

namespace Emporium.UnitTests.Orders;

/// <summary>
/// Property-style checks over many random command sequences (fixed seeds, so a failure replays): a
/// small independent model of the state machine predicts each command's outcome, and the fold of the
/// decided events — also after a round trip through the stored form — always equals the model's status.
/// </summary>
public sealed class OrderFoldProperties
{
    private const int Sequences = 500;
    private const int MaxLength = 12;

    /// <summary>The model: the moves allowed, written independently of <see cref="OrderTransitions"/>.</summary>
    private static readonly HashSet<(OrderStatus, OrderStatus)> Moves =
    [
        (OrderStatus.Placed, OrderStatus.Paid), (OrderStatus.Paid, OrderStatus.Packed), (OrderStatus.Packed, OrderStatus.Shipped),
        (OrderStatus.Shipped, OrderStatus.Delivered), (OrderStatus.Delivered, OrderStatus.Completed),
        (OrderStatus.Placed, OrderStatus.Cancelled), (OrderStatus.Paid, OrderStatus.Cancelled), (OrderStatus.Packed, OrderStatus.Cancelled),
        (OrderStatus.Delivered, OrderStatus.Refunded), (OrderStatus.Completed, OrderStatus.Refunded),
    ];

    private static readonly OrderStatus[] Targets = [.. OrderTransitionMatrixTests.Commands.Keys];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_valid_sequences_fold_to_the_status_of_their_last_command(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < Sequences; n++)
        {
            var events = new List<OrderEvent> { PlacedAtT0 };
            var status = OrderStatus.Placed;
            var length = random.Next(MaxLength);
            for (var i = 0; i < length; i++)
            {
                var next = Targets.Where(t => Moves.Contains((status, t))).ToArray();
                if (next.Length == 0)
                {
                    break;
                }

                var to = next[random.Next(next.Length)];
                var decided = OrderDecider.Decide(OrderTransitionMatrixTests.Commands[to], OrderState.Fold(events), T0.AddMinutes(i));
                events.Add(decided.Value.ShouldHaveSingleItem());
                status = to;
            }

            OrderState.Fold(events).ShouldBe(new OrderState.Existing(status, events.Count));
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Random_sequences_of_any_commands_change_exactly_what_the_model_predicts(int seed)
    {
        var random = new Random(seed);
        for (var n = 0; n < Sequences; n++)
        {
            var events = new List<OrderEvent> { PlacedAtT0 };
            var state = OrderState.Fold(events);
            var status = OrderStatus.Placed;
            for (var i = 0; i < MaxLength; i++)
            {
                var to = Targets[random.Next(Targets.Length)];
                var decision = OrderDecider.Decide(OrderTransitionMatrixTests.Commands[to], state, T0.AddSeconds(i));
                if (to == status)
                {
                    decision.Value.ShouldBeEmpty($"{status} → {to} repeats the status");
                }
                else if (Moves.Contains((status, to)))
                {
                    decision.Value.ShouldHaveSingleItem().Status.ShouldBe(to);
                    events.AddRange(decision.Value);
                    state = state.Apply(decision.Value);
                    status = to;
                }
                else
                {
                    decision.Error!.Code.ShouldBe("order_transition_refused", $"{status} → {to}");
                }
            }

            state.ShouldBe(new OrderState.Existing(status, events.Count));
            // What the store writes and reads back folds the same.
            var stored = events.Select((e, i) => OrderEventCodec.Encode(i + 1, e)).ToList();
            OrderState.Fold(stored.Select(OrderEventCodec.Decode)).ShouldBe(state);
            stored.Select(OrderEventCodec.Decode).ShouldBe(events);
        }
    }
}
