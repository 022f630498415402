using System.Collections.Concurrent;
using Emporium.BuildingBlocks.Persistence;
using Emporium.FlashSales.Sales;
using Microsoft.Extensions.Logging;

namespace Emporium.FlashSales.Buying;

/// <summary>
/// <see cref="IStockGate"/> in this process's memory. A sale's gate is loaded from storage the first time
/// it is asked for (and at start-up, by <see cref="ClaimExpiryWorker"/>), once however many attempts ask
/// at the same moment, and then kept for the life of the process: every claim of the sale from then on is
/// taken through it, so it stays true to storage without reading it again.
/// </summary>
/// <remarks>
/// Only one process may sell a sale with this gate: a second host would load its own copy and both would
/// sell the full quantity. Several hosts need the shared gate of the scale-out work.
/// </remarks>
internal sealed class InProcessStockGate(Database database, ILogger<InProcessStockGate> logger) : IStockGate, IDisposable
{
    /// <summary>Load and give-back are serialised per sale; a few locks striped by sale id are enough (both are rare).</summary>
    private const int Stripes = 32;

    private readonly ConcurrentDictionary<long, SaleGate> _gates = new();
    private readonly ConcurrentDictionary<long, Lazy<Task<SaleGate?>>> _loading = new();
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    public ValueTask<ISaleGate?> FindAsync(long saleId, CancellationToken cancellationToken) =>
        _gates.TryGetValue(saleId, out var gate) ? ValueTask.FromResult<ISaleGate?>(gate) : LoadOnceAsync(saleId, cancellationToken);

    public ISaleGate? Loaded(long saleId) => _gates.GetValueOrDefault(saleId);

    public async Task<int> GiveBackAsync(long saleId, GiveBack giveBack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(giveBack);
        var stripe = StripeOf(saleId);
        await stripe.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<string> buyers;

            // Its own short transaction (IMMEDIATE on SQLite): the claim writer and checkouts keep writing meanwhile.
            await using (var connection = await database.OpenAsync(cancellationToken))
            await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
            {
                buyers = await giveBack(connection, transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            if (_gates.TryGetValue(saleId, out var gate))
            {
                foreach (var userId in buyers)
                {
                    gate.Return(userId);
                }
            }

            return buyers.Count;
        }
        finally
        {
            stripe.Release();
        }
    }

    public void Dispose()
    {
        foreach (var stripe in _stripes)
        {
            stripe.Dispose();
        }
    }

    private async ValueTask<ISaleGate?> LoadOnceAsync(long saleId, CancellationToken cancellationToken)
    {
        // Lazy makes the load run once even when GetOrAdd races; every concurrent first attempt awaits it.
        var load = _loading.GetOrAdd(saleId, static (id, self) => new Lazy<Task<SaleGate?>>(() => self.LoadAsync(id)), this);

        // The shared load does not depend on any one caller: a buyer giving up stops only their wait.
        return await load.Value.WaitAsync(cancellationToken);
    }

    private async Task<SaleGate?> LoadAsync(long saleId)
    {
        var stripe = StripeOf(saleId);
        await stripe.WaitAsync();
        try
        {
            if (_gates.TryGetValue(saleId, out var loaded))
            {
                return loaded;
            }

            await using var connection = await database.OpenAsync();
            var sale = await SaleRows.FindAsync(connection, null, saleId, CancellationToken.None);
            if (sale is null)
            {
                // Not remembered: the sale may be created a moment from now.
                return null;
            }

            var gate = SaleGate.Reconcile(sale, await GateRows.HeldByBuyerAsync(connection, saleId, CancellationToken.None));
            if (sale.Status == SaleStatus.Allotting)
            {
                // Its allotment is being reserved: it opens (or disappears) within moments, and a gate kept
                // now would keep the stale status. It answers "not started" and is read again next time.
                return gate;
            }

            _gates[saleId] = gate;
            logger.LogInformation(
                "Loaded the stock gate of flash sale {SaleId} from storage: {Remaining} of {Quantity} units left", saleId, gate.Remaining, sale.Quantity);
            return gate;
        }
        finally
        {
            // The next caller finds the published gate, or loads again (an unknown sale, a failed read).
            _loading.TryRemove(saleId, out _);
            stripe.Release();
        }
    }

    private SemaphoreSlim StripeOf(long saleId) => _stripes[(int)((ulong)saleId % Stripes)];
}
