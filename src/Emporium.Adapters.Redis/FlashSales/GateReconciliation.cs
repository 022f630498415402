using Dapper;
using Emporium.Adapters.Redis.Connection;
using Emporium.BuildingBlocks.Persistence;
using Emporium.FlashSales.Sales;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Emporium.Adapters.Redis.FlashSales;

/// <summary>
/// Every <see cref="Interval"/>, compares each running sale's Redis gate with PostgreSQL: units left in
/// Redis plus units held in storage should make the sale's quantity. A gate missing from Redis (a flush, a
/// restart) is rebuilt at once. Units missing (an instance died between taking a unit in Redis and storing
/// its claim) show as a shortfall; one that stays exactly the same over two passes is not a claim in flight,
/// and the gate is rebuilt with a new generation, which puts those units back on sale. A surplus (more units
/// in Redis than storage allows: a gate restored from a stale snapshot or a lagging replica) is rebuilt the
/// same way; it, too, is seen twice first, because a give-back between this pass's two reads shows as a
/// surplus of the moment.
/// </summary>
internal sealed class GateReconciliation(
    Database database, DatabaseInitializer initializer, RedisStore redis, RedisStockGate gates, TimeProvider clock, ILogger<GateReconciliation> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly Dictionary<long, (RedisValue Epoch, RedisValue Remaining)> _short = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (initializer.IsReady)
                {
                    await PassAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Reconciling the Redis stock gates failed; retrying");
            }
        }
    }

    /// <summary>One comparison of every running sale; answers how many gates it rebuilt.</summary>
    public async Task<int> PassAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<(FlashSale Sale, long Held)> running = [];
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            foreach (var sale in await SaleRows.ListUnsettledAsync(connection, cancellationToken))
            {
                if (sale.Status == SaleStatus.Open && now >= sale.StartsAt && now < sale.EndsAt)
                {
                    running.Add((sale, await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        "SELECT COUNT(*) FROM flashsales_claims WHERE sale_id = @id AND status IN ('claimed', 'paying', 'paid', 'cancelled')",
                        new { id = sale.Id },
                        cancellationToken: cancellationToken))));
                }
            }
        }

        var rebuilt = 0;
        foreach (var (sale, held) in running)
        {
            var gate = await redis.Database.HashGetAsync(GateKeys.Of(redis, sale.Id)[0], ["epoch", "remaining"]);
            var missing = !gate[0].HasValue;
            var shortfall = missing ? 0 : sale.Quantity - held - (long)gate[1];
            var seenBefore = _short.TryGetValue(sale.Id, out var before) && before == (gate[0], gate[1]);
            _short.Remove(sale.Id);
            if (!missing && shortfall == 0)
            {
                continue;
            }

            if (!missing && !seenBefore)
            {
                _short[sale.Id] = (gate[0], gate[1]);
                continue;
            }

            if (shortfall < 0)
            {
                logger.LogError(
                    "The Redis gate of flash sale {SaleId} holds {Surplus} units more than storage allows (restored from a stale copy?); rebuilding it",
                    sale.Id, -shortfall);
            }
            else
            {
                logger.LogWarning(
                    missing ? "The Redis gate of flash sale {SaleId} is missing; rebuilding it from storage" : "The Redis gate of flash sale {SaleId} is {Shortfall} units short of storage; rebuilding it",
                    sale.Id, shortfall);
            }

            await gates.RebuildAsync(sale, force: !missing, cancellationToken);
            rebuilt++;
        }

        return rebuilt;
    }
}
