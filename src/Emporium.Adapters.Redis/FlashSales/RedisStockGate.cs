using System.Collections.Concurrent;
using Dapper;
using Emporium.Adapters.Redis.Connection;
using Emporium.BuildingBlocks.Persistence;
using Emporium.FlashSales.Buying;
using Emporium.FlashSales.Sales;

namespace Emporium.Adapters.Redis.FlashSales;

/// <summary>
/// <see cref="IStockGate"/> on Redis: one gate per sale shared by every instance (see <see cref="GateScripts"/>).
/// This instance keeps each sale's terms; a gate missing from Redis (first use, a flush, a restart without
/// persistence) is rebuilt from PostgreSQL by <see cref="GateRebuild"/> on the next attempt.
/// </summary>
internal sealed class RedisStockGate(Database database, RedisStore redis, GateRebuild rebuild) : IStockGate
{
    private readonly ConcurrentDictionary<long, RedisSaleGate> _gates = new();

    public ValueTask<ISaleGate?> FindAsync(long saleId, CancellationToken cancellationToken) =>
        _gates.TryGetValue(saleId, out var gate) && gate.IsFresh ? ValueTask.FromResult<ISaleGate?>(gate) : LoadAsync(saleId, gate, cancellationToken);

    public ISaleGate? Loaded(long saleId) => _gates.GetValueOrDefault(saleId);

    /// <summary>
    /// The change and the epoch read share one transaction, the epoch under a share lock: a rebuild either
    /// counted the change (and the give-back, addressed to the old generation, is ignored) or comes after it.
    /// </summary>
    public async Task<int> GiveBackAsync(long saleId, GiveBack giveBack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(giveBack);
        var gate = _gates.GetValueOrDefault(saleId)
            ?? _gates.GetOrAdd(saleId, new RedisSaleGate(await SaleAsync(saleId, cancellationToken) ?? throw new InvalidOperationException($"Flash sale {saleId} vanished."), redis, rebuild));

        // One give-back of a sale at a time here, so a sweep that finds nothing left to do returns only once
        // the units another sweep of this instance ended are back (across instances the epoch keeps it exact).
        await gate.GivingBack.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<string> buyers;
            long epoch;
            await using (var connection = await database.OpenAsync(cancellationToken))
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                epoch = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT gate_epoch FROM flashsales_sales WHERE id = @saleId FOR SHARE", new { saleId }, transaction, cancellationToken: cancellationToken));
                buyers = await giveBack(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            foreach (var userId in epoch == 0 ? [] : buyers)
            {
                await gate.ReturnAsync(userId, epoch);
            }

            return buyers.Count;
        }
        finally
        {
            gate.GivingBack.Release();
        }
    }

    /// <summary>Rebuilds the sale's gate through this instance's gate object, so rebuilds from here do not overlap.</summary>
    public Task RebuildAsync(FlashSale sale, bool force, CancellationToken cancellationToken) =>
        _gates.GetOrAdd(sale.Id, _ => new RedisSaleGate(sale, redis, rebuild)).RebuildAsync(force, cancellationToken);

    private async ValueTask<ISaleGate?> LoadAsync(long saleId, RedisSaleGate? known, CancellationToken cancellationToken)
    {
        if (known is not null)
        {
            await known.RefreshAsync(cancellationToken);
            return known;
        }

        var sale = await SaleAsync(saleId, cancellationToken);
        if (sale is null)
        {
            return null;
        }

        var gate = new RedisSaleGate(sale, redis, rebuild);
        if (sale.Status == SaleStatus.Allotting)
        {
            // Not kept: its status changes within moments (see the in-process gate).
            return gate;
        }

        gate = _gates.GetOrAdd(saleId, gate);
        await gate.RefreshAsync(cancellationToken);
        return gate;
    }

    private async Task<FlashSale?> SaleAsync(long saleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await SaleRows.FindAsync(connection, null, saleId, cancellationToken);
    }
}
