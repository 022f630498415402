using System.Diagnostics;
using Emporium.Adapters.Redis.Connection;
using Emporium.BuildingBlocks.Results;
using Emporium.FlashSales;
using Emporium.FlashSales.Sales;
using Emporium.FlashSales.WaitingRoom;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.WaitingRoom;

/// <summary>
/// The scale-out <see cref="IWaitingRoom"/>: each sale's queue in Redis (<see cref="WaitingRoomScripts"/>),
/// shared by every app instance, so a buyer keeps one ticket and one place whichever instance they reach.
/// </summary>
/// <remarks>
/// Time comes from the injected <see cref="TimeProvider"/> and travels into the scripts as an argument,
/// never from Redis's <c>TIME</c>: admission is a function of the clock the sale window, the gate and the
/// purchase tokens use (and tests move). Instances whose clocks disagree by a few milliseconds admit a
/// few milliseconds apart; the line never moves backwards (a script ignores a clock behind its cursor).
/// The arithmetic that turns a line into a place (ahead, estimated wait) is <see cref="AdmissionLine"/>'s,
/// shared with the embedded room; only the update that must be atomic with issuing runs in Lua.
/// </remarks>
internal sealed class RedisWaitingRoom(RedisStore redis, FlashSalesSettings settings, TimeProvider clock) : IWaitingRoom
{
    /// <summary>How long a sale's queue outlives the sale: nobody can use a ticket once the sale has ended.</summary>
    private static readonly TimeSpan KeptAfterSaleEnds = TimeSpan.FromHours(1);

    // StackExchange.Redis 1.2.6 takes no cancellation token: a call ends when Redis answers or times out.
    public async ValueTask<Result<QueuePlace>> JoinAsync(FlashSale sale, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sale);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var rate = RateOf(sale);
        var now = clock.GetUtcNow();
        var lifetime = (sale.EndsAt > now ? sale.EndsAt - now : TimeSpan.Zero) + KeptAfterSaleEnds;
        var keys = RoomKeys.Of(redis, sale.Id);

        var reply = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(
            WaitingRoomScripts.Join,
            [keys.Line, keys.Tickets, keys.Buyers],
            [userId, SaleQueue.NewTicket(), TicksSinceStart(sale, now), rate, InProcessWaitingRoom.CapacityOf(sale, settings), (long)lifetime.TotalMilliseconds]))!;

        var outcome = (long)reply[0];
        if (outcome == WaitingRoomScripts.Full)
        {
            return QueueErrors.Full;
        }

        var line = LineOf(sale, (long)reply[3], (long)reply[4], (long)reply[5], (long)reply[6]);
        return PlaceOf((string)reply[1]!, (long)reply[2], outcome == WaitingRoomScripts.Issued, line, now, rate);
    }

    public async ValueTask<QueuePlace?> FindAsync(FlashSale sale, string userId, string ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sale);
        if (string.IsNullOrEmpty(ticket))
        {
            return null;
        }

        var rate = RateOf(sale);
        var keys = RoomKeys.Of(redis, sale.Id);
        var result = await redis.Database.ScriptEvaluateAsync(WaitingRoomScripts.Find, [keys.Line, keys.Tickets], [ticket]);
        if (result.IsNull)
        {
            return null;
        }

        var reply = (RedisResult[])result!;
        var holder = (string)reply[0]!;
        var separator = holder.IndexOf(':', StringComparison.Ordinal);
        // Another buyer's ticket answers exactly like an unknown one.
        if (!string.Equals(holder[(separator + 1)..], userId, StringComparison.Ordinal))
        {
            return null;
        }

        var number = long.Parse(holder.AsSpan(0, separator), System.Globalization.CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        var stored = LineOf(sale, (long)reply[1], (long)reply[2], (long)reply[3], (long)reply[4]);
        return PlaceOf(ticket, number, isNew: false, stored.At(now, rate), now, rate);
    }

    private static int RateOf(FlashSale sale) =>
        sale.AdmitPerSecond is int rate and > 0 ? rate : throw new ArgumentException("The sale has no waiting room.", nameof(sale));

    /// <summary>The clock relative to the sale's start, in ticks: negative before it; exact in a Lua double for 28 years.</summary>
    private static long TicksSinceStart(FlashSale sale, DateTimeOffset now) => (now - sale.StartsAt).Ticks;

    private static AdmissionLine LineOf(FlashSale sale, long issued, long admitted, long credit, long cursorTicks)
    {
        Debug.Assert(admitted <= issued && credit is >= 0 and < TimeSpan.TicksPerSecond && cursorTicks >= 0, "The script keeps the line's invariants.");
        return new AdmissionLine(issued, admitted, credit, sale.StartsAt + TimeSpan.FromTicks(cursorTicks));
    }

    private static QueuePlace PlaceOf(string ticket, long number, bool isNew, AdmissionLine line, DateTimeOffset now, int rate) =>
        new(ticket, isNew, line.IsAdmitted(number), line.Ahead(number), line.WaitFor(number, now, rate));

    /// <summary>One sale's keys, all under the tag <c>sale:{id}</c> so that one script may touch them on Redis Cluster.</summary>
    private sealed record RoomKeys(RedisKey Line, RedisKey Tickets, RedisKey Buyers)
    {
        public static RoomKeys Of(RedisStore redis, long saleId)
        {
            var tag = $"sale:{saleId}";
            return new RoomKeys(redis.Key(tag, "room:line"), redis.Key(tag, "room:tickets"), redis.Key(tag, "room:buyers"));
        }
    }
}
