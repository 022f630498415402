using System.Collections.Concurrent;
using Emporium.BuildingBlocks.Results;
using Emporium.FlashSales.Sales;

namespace Emporium.FlashSales.WaitingRoom;

/// <summary>
/// The embedded <see cref="IWaitingRoom"/>: one <see cref="SaleQueue"/> per sale in process memory. A
/// restart forgets every queue (buyers join again, at the back of a new line); purchase tokens already
/// issued stay valid because they are sealed with the Data Protection keys on disk, not kept here.
/// </summary>
internal sealed class InProcessWaitingRoom(FlashSalesSettings settings, TimeProvider clock) : IWaitingRoom
{
    private readonly ConcurrentDictionary<long, SaleQueue> _queues = new();

    public ValueTask<Result<QueuePlace>> JoinAsync(FlashSale sale, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var now = clock.GetUtcNow();
        return ValueTask.FromResult(QueueOf(sale, now).Join(userId, now));
    }

    public ValueTask<QueuePlace?> FindAsync(FlashSale sale, string userId, string ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var now = clock.GetUtcNow();
        return ValueTask.FromResult(_queues.TryGetValue(sale.Id, out var queue) ? queue.Find(userId, ticket, now) : null);
    }

    /// <summary>The most tickets a sale's queue hands out: beyond that many buyers, the sale sells out before the next is admitted.</summary>
    public static int CapacityOf(FlashSale sale, FlashSalesSettings settings) =>
        (int)Math.Min(int.MaxValue, (long)sale.Quantity * settings.QueueCapFactor);

    private SaleQueue QueueOf(FlashSale sale, DateTimeOffset now)
    {
        if (_queues.TryGetValue(sale.Id, out var queue))
        {
            return queue;
        }

        // A new queue is rare (once per sale per process): the moment to forget the queues of sales
        // that have ended, whose tickets nobody can use any more.
        foreach (var (id, old) in _queues)
        {
            if (old.Sale.EndsAt <= now)
            {
                _queues.TryRemove(id, out _);
            }
        }

        return _queues.GetOrAdd(sale.Id, static (_, state) => new SaleQueue(state.sale, CapacityOf(state.sale, state.settings)), (sale, settings));
    }
}
