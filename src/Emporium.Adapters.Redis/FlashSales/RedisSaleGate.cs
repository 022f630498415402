using Emporium.Adapters.Redis.Connection;
using Emporium.FlashSales.Buying;
using Emporium.FlashSales.Sales;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.FlashSales;

/// <summary>
/// One sale's gate in Redis, shared by every instance. The sale's terms are kept here (they do not change
/// while it runs); the counts live only in Redis. <see cref="Remaining"/> is this instance's last sight of
/// them: the sold-out fast path trusts it for <see cref="HintLifetime"/> only, so units that come back
/// (an expired claim on another instance) are on sale again here within that time.
/// </summary>
internal sealed class RedisSaleGate(FlashSale sale, RedisStore redis, GateRebuild rebuild) : ISaleGate
{
    public static readonly TimeSpan HintLifetime = TimeSpan.FromMilliseconds(250);

    private readonly RedisKey[] _keys = GateKeys.Of(redis, sale.Id);
    private readonly SemaphoreSlim _rebuilding = new(1, 1);
    private int _remaining = sale.Quantity;
    private long _seenAt = Environment.TickCount64 - (long)TimeSpan.FromDays(1).TotalMilliseconds; // never seen: stale

    public FlashSale Sale => sale;

    /// <summary>Held by <see cref="RedisStockGate.GiveBackAsync"/> around a give-back of this sale.</summary>
    public SemaphoreSlim GivingBack { get; } = new(1, 1);

    public int Remaining => Math.Max(0, Volatile.Read(ref _remaining));

    /// <summary>Whether <see cref="Remaining"/> was read from Redis less than <see cref="HintLifetime"/> ago.</summary>
    public bool IsFresh => Environment.TickCount64 - Volatile.Read(ref _seenAt) < HintLifetime.TotalMilliseconds;

    public SalePhase PhaseAt(DateTimeOffset now)
    {
        if (sale.Status == SaleStatus.Settled || now >= sale.EndsAt)
        {
            return SalePhase.Ended;
        }

        if (sale.Status == SaleStatus.Allotting || now < sale.StartsAt)
        {
            return SalePhase.Scheduled;
        }

        return Remaining == 0 && IsFresh ? SalePhase.SoldOut : SalePhase.Active;
    }

    public async ValueTask<GateTake> TryTakeAsync(string userId, DateTimeOffset now)
    {
        // Outside the window nothing needs Redis (and an allotting sale has no gate there yet).
        if (PhaseAt(now) is SalePhase.Ended or SalePhase.Scheduled)
        {
            return new GateTake(PhaseAt(now) == SalePhase.Ended ? GateOutcome.Ended : GateOutcome.NotStarted, 0);
        }

        for (var attempt = 0; ; attempt++)
        {
            var answer = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(GateScripts.Take, _keys, [userId, now.ToUnixTimeMilliseconds()]))!;
            var outcome = (int)answer[0];
            if (outcome == GateScripts.NotLoaded && attempt == 0)
            {
                await RebuildAsync(force: false, CancellationToken.None);
                continue;
            }

            if (outcome == GateScripts.NotLoaded)
            {
                throw new InvalidOperationException($"The Redis gate of flash sale {sale.Id} vanished right after it was rebuilt.");
            }

            See((int)answer[1]);
            return new GateTake(Outcome(outcome), (long)answer[2]);
        }
    }

    public async ValueTask ReturnAsync(string userId, long epoch)
    {
        var remaining = (long)await redis.Database.ScriptEvaluateAsync(GateScripts.GiveBack, _keys, [userId, epoch]);
        if (remaining >= 0)
        {
            See((int)remaining);
        }
    }

    public async ValueTask FencedAsync(long epoch) =>
        await redis.Database.ScriptEvaluateAsync(GateScripts.Drop, _keys, [epoch]);

    /// <summary>Reads the units left from Redis, rebuilding the gate from storage first if Redis has none.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var remaining = await redis.Database.HashGetAsync(_keys[0], "remaining");
        if (!remaining.HasValue)
        {
            await RebuildAsync(force: false, cancellationToken);
            remaining = await redis.Database.HashGetAsync(_keys[0], "remaining");
        }

        if (remaining.HasValue)
        {
            See((int)remaining);
        }
    }

    /// <summary>One rebuild at a time from this instance; others asking meanwhile find it done.</summary>
    public async Task RebuildAsync(bool force, CancellationToken cancellationToken)
    {
        await _rebuilding.WaitAsync(cancellationToken);
        try
        {
            // Units a rebuild puts back (from claims storage refused) are on sale here at once, not after the hint's lifetime.
            if (await rebuild.RebuildAsync(sale, force, cancellationToken) is { } remaining)
            {
                See(remaining);
            }
        }
        finally
        {
            _rebuilding.Release();
        }
    }

    private void See(int remaining)
    {
        Volatile.Write(ref _remaining, remaining);
        Volatile.Write(ref _seenAt, Environment.TickCount64);
    }

    private static GateOutcome Outcome(int code) => code switch
    {
        GateScripts.Claimed => GateOutcome.Claimed,
        GateScripts.NotStarted => GateOutcome.NotStarted,
        GateScripts.Ended => GateOutcome.Ended,
        GateScripts.SoldOut => GateOutcome.SoldOut,
        GateScripts.LimitReached => GateOutcome.LimitReached,
        _ => throw new InvalidOperationException($"Unknown answer {code} from the gate script."),
    };
}
