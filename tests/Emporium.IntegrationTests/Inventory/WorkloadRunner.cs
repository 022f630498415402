using System.Collections.Concurrent;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Inventory;
using Emporium.Inventory.Adjusting;
using Emporium.Inventory.Reservations;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Runs a <see cref="WorkloadPlan"/> on a bench, its tasks concurrently, and answers every broken
/// rule: an unexpected failure, an outcome that contradicts the final state, or a ledger invariant.
/// </summary>
internal sealed class WorkloadRunner(InventoryBench bench, WorkloadPlan plan)
{
    // The expected refusals of each operation; anything else (or an exception) is a failure.
    private static readonly string[] ReserveRefusals = ["out_of_stock"];
    private static readonly string[] CarveRefusals = ["out_of_stock", "reservation_expired", "reservation_ended"];
    private static readonly string[] CommitRefusals = ["reservation_expired", "reservation_ended"];
    private static readonly string[] ReleaseRefusals = ["reservation_committed"];
    private static readonly string[] ExtendRefusals = ["reservation_expired", "reservation_ended"];
    private static readonly string[] AdjustRefusals = ["below_reserved"];

    private readonly ConcurrentBag<string> _problems = [];

    // What callers were told, to hold against the final state: reservation id → statuses answered by commit / release / return.
    private readonly ConcurrentBag<(string ReservationId, ReservationStatus Told)> _told = [];

    public async Task<IReadOnlyList<string>> RunAsync()
    {
        foreach (var opening in plan.OpeningStock)
        {
            Expect(await AdjustAsync(opening), "opening stock", []);
        }

        var instances = plan.Tasks.Select(_ => bench.AnotherInstance()).ToArray();
        await Task.WhenAll(plan.Tasks.Select((steps, t) => Task.Run(() => RunTaskAsync(instances[t], steps))));
        await CheckToldAsync();
        return [.. _problems, .. await LedgerAssertions.ViolationsAsync(bench.Database)];
    }

    private async Task RunTaskAsync(StockReservations reservations, WorkloadOp[] steps)
    {
        var reserved = new Dictionary<int, string>();
        var adjusted = new Dictionary<int, long>();
        for (var i = 0; i < steps.Length; i++)
        {
            switch (steps[i])
            {
                case WorkloadOp.Reserve reserve:
                    var made = Expect(await reservations.ReserveAsync(Request(reserve), CancellationToken.None), reserve.ToString(), ReserveRefusals);
                    if (made is not null)
                    {
                        reserved[i] = made.ReservationId;
                    }

                    break;
                case WorkloadOp.RepeatReserve repeat:
                    var again = Expect(await reservations.ReserveAsync(Request((WorkloadOp.Reserve)steps[repeat.ReserveStep]), CancellationToken.None), "repeat reserve", ReserveRefusals);
                    if (again is not null && reserved.TryGetValue(repeat.ReserveStep, out var first) && again.ReservationId != first)
                    {
                        _problems.Add($"a repeated reserve answered reservation {again.ReservationId}, the first made {first}");
                    }

                    break;
                case WorkloadOp.Carve carve when reserved.TryGetValue(carve.SourceStep, out var source):
                    var carved = Expect(await reservations.CarveAsync(source, Request(carve), CancellationToken.None), carve.ToString(), CarveRefusals);
                    if (carved is not null)
                    {
                        reserved[i] = carved.ReservationId;
                    }

                    break;
                case WorkloadOp.Commit commit when reserved.TryGetValue(commit.ReserveStep, out var id):
                    Tell(id, Expect(await reservations.CommitAsync(id, CancellationToken.None), "commit", CommitRefusals));
                    break;
                case WorkloadOp.Release release when reserved.TryGetValue(release.ReserveStep, out var id):
                    Tell(id, Expect(await reservations.ReleaseAsync(id, CancellationToken.None), "release", ReleaseRefusals));
                    break;
                case WorkloadOp.Return @return when reserved.TryGetValue(@return.ReserveStep, out var id):
                    Tell(id, Expect(await reservations.ReturnAsync(id, CancellationToken.None), "return", []));
                    break;
                case WorkloadOp.Extend extend when reserved.TryGetValue(extend.ReserveStep, out var id):
                    Expect(await reservations.ExtendAsync(id, bench.Clock.GetUtcNow().AddMinutes(extend.Minutes), CancellationToken.None), "extend", ExtendRefusals);
                    break;
                case WorkloadOp.Expire expire:
                    bench.Clock.Advance(TimeSpan.FromMinutes(expire.AdvanceMinutes));
                    await bench.Expiry.SweepAsync(CancellationToken.None);
                    break;
                case WorkloadOp.Adjust adjust:
                    var outcome = Expect(await AdjustAsync(adjust), adjust.ToString(), AdjustRefusals);
                    if (outcome is not null)
                    {
                        adjusted[i] = outcome.MovementId;
                    }

                    break;
                case WorkloadOp.RepeatAdjust repeat:
                    var replay = Expect(await AdjustAsync((WorkloadOp.Adjust)steps[repeat.AdjustStep]), "repeat adjust", AdjustRefusals);
                    if (replay is not null && adjusted.TryGetValue(repeat.AdjustStep, out var movement) && (replay.MovementId != movement || !replay.Replayed))
                    {
                        _problems.Add($"a repeated adjustment answered movement {replay.MovementId} (replayed: {replay.Replayed}), the first made {movement}");
                    }

                    break;
            }
        }
    }

    private static ReserveStockRequest Request(WorkloadOp.Reserve reserve) => new(
        "checkout:" + reserve.Key,
        reserve.Key,
        reserve.Lines.Select(l => new ReserveStockLine(l.Sku, l.Quantity)).ToList(),
        new StockDestination(reserve.Country),
        TimeSpan.FromMinutes(reserve.HoldMinutes));

    private static ReserveStockRequest Request(WorkloadOp.Carve carve) => new(
        "checkout:" + carve.Key,
        carve.Key,
        [new ReserveStockLine(carve.Sku, carve.Quantity)],
        new StockDestination("US"),
        TimeSpan.FromMinutes(carve.HoldMinutes));

    private Task<Result<AdjustmentOutcome>> AdjustAsync(WorkloadOp.Adjust adjust) => bench.Adjustments.AdjustAsync(
        new StockAdjustment(adjust.Sku, bench.WarehouseIds[adjust.Warehouse], adjust.Delta, "workload", "user:workload", adjust.Key),
        CancellationToken.None);

    private T? Expect<T>(Result<T> result, string what, string[] refusals)
        where T : class
    {
        if (!result.IsSuccess && !refusals.Contains(result.Error!.Code))
        {
            _problems.Add($"{what}: unexpected {result.Error.Code} ({result.Error.Message})");
        }

        return result.IsSuccess ? result.Value : null;
    }

    private void Tell(string reservationId, StockReservation? answer)
    {
        if (answer is not null)
        {
            _told.Add((reservationId, answer.Status));
        }
    }

    /// <summary>
    /// A commit answered as committed stays committed (unless it was returned since); a release or a
    /// return answered as released or returned stays so.
    /// </summary>
    private async Task CheckToldAsync()
    {
        foreach (var (id, told) in _told)
        {
            var now = (await bench.Reservations.GetAsync(id, CancellationToken.None)).Value.Status;
            if (told != ReservationStatus.Pending && now != told && (told, now) != (ReservationStatus.Committed, ReservationStatus.Returned))
            {
                _problems.Add($"reservation {id} was reported {told} but ended {now}");
            }
        }
    }
}
