using System.Globalization;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>One step of a random workload. Indexes refer to the same task's earlier reserve, carve or adjust steps.</summary>
internal abstract record WorkloadOp
{
    private WorkloadOp()
    {
    }

    public sealed record Reserve(string Key, (string Sku, int Quantity)[] Lines, string Country, int HoldMinutes) : WorkloadOp
    {
        public override string ToString() =>
            $"reserve {Key} [{string.Join(", ", Lines.Select(l => $"{l.Sku}×{l.Quantity}"))}] to {Country} for {HoldMinutes} min";
    }

    /// <summary>The same request again, same key: it must answer the reservation the first one made.</summary>
    public sealed record RepeatReserve(int ReserveStep) : WorkloadOp;

    /// <summary>Units of an earlier reserve step's reservation carved into one of their own (a flash-sale buyer's checkout).</summary>
    public sealed record Carve(int SourceStep, string Key, string Sku, int Quantity, int HoldMinutes) : WorkloadOp
    {
        public override string ToString() => $"carve {Key} [{Sku}×{Quantity}] from step {SourceStep} for {HoldMinutes} min";
    }

    public sealed record Commit(int ReserveStep) : WorkloadOp;

    public sealed record Release(int ReserveStep) : WorkloadOp;

    /// <summary>The order was cancelled: a committed reservation's units go back on hand, a pending one is released.</summary>
    public sealed record Return(int ReserveStep) : WorkloadOp;

    public sealed record Extend(int ReserveStep, int Minutes) : WorkloadOp;

    /// <summary>Time passes, then the expiry sweep runs.</summary>
    public sealed record Expire(int AdvanceMinutes) : WorkloadOp;

    public sealed record Adjust(string Sku, int Warehouse, int Delta, string Key) : WorkloadOp;

    /// <summary>The same adjustment again, same key: no second movement.</summary>
    public sealed record RepeatAdjust(int AdjustStep) : WorkloadOp;
}

/// <summary>
/// A random workload that is a pure function of its seed: the SKUs, the opening stock, and each
/// task's steps. Replaying a seed replays the same steps; only the interleaving of the tasks varies.
/// </summary>
internal sealed record WorkloadPlan(int Seed, string[] Skus, WorkloadOp.Adjust[] OpeningStock, WorkloadOp[][] Tasks)
{
    public static readonly string[] Countries = ["US", "GB", "DE"];

    public static WorkloadPlan For(int seed)
    {
        var random = new Random(seed);
        var skus = Enumerable.Range(0, random.Next(1, 4)).Select(i => $"s{seed}-{(char)('a' + i)}").ToArray();
        var opening = skus
            .SelectMany(sku => Enumerable.Range(0, 2).Select(w => (sku, w, units: random.Next(0, 5))))
            .Where(s => s.units > 0)
            .Select(s => new WorkloadOp.Adjust(s.sku, s.w, s.units, $"open-{s.sku}-{s.w}"))
            .ToArray();
        var tasks = Enumerable.Range(0, random.Next(2, 5)).Select(t => Steps(random, seed, t, skus)).ToArray();
        return new WorkloadPlan(seed, skus, opening, tasks);
    }

    private static WorkloadOp[] Steps(Random random, int seed, int task, string[] skus)
    {
        var steps = new List<WorkloadOp>();
        var reserves = new List<int>();
        var held = new List<int>(); // reserve and carve steps: what commit, release, return and extend act on
        var adjusts = new List<int>();
        var count = random.Next(3, 7);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(115);
            WorkloadOp step = roll switch
            {
                < 30 => Reserve(random, $"r{seed}-{task}-{i}", skus),
                < 45 when held.Count > 0 => new WorkloadOp.Commit(held[random.Next(held.Count)]),
                < 53 when held.Count > 0 => new WorkloadOp.Release(held[random.Next(held.Count)]),
                < 57 when held.Count > 0 => new WorkloadOp.Return(held[random.Next(held.Count)]),
                < 64 when held.Count > 0 => new WorkloadOp.Extend(held[random.Next(held.Count)], random.Next(1, 20)),
                < 69 when reserves.Count > 0 => new WorkloadOp.RepeatReserve(reserves[random.Next(reserves.Count)]),
                < 80 => new WorkloadOp.Expire(random.Next(1, 12)),
                < 95 => new WorkloadOp.Adjust(skus[random.Next(skus.Length)], random.Next(2), Delta(random), $"a{seed}-{task}-{i}"),
                < 100 when adjusts.Count > 0 => new WorkloadOp.RepeatAdjust(adjusts[random.Next(adjusts.Count)]),
                >= 100 when reserves.Count > 0 => Carve(random, steps, reserves[random.Next(reserves.Count)], $"c{seed}-{task}-{i}"),
                _ => Reserve(random, $"r{seed}-{task}-{i}", skus),
            };
            if (step is WorkloadOp.Reserve)
            {
                reserves.Add(i);
            }

            if (step is WorkloadOp.Reserve or WorkloadOp.Carve)
            {
                held.Add(i);
            }
            else if (step is WorkloadOp.Adjust)
            {
                adjusts.Add(i);
            }

            steps.Add(step);
        }

        return [.. steps];
    }

    /// <summary>-3 to +3, never 0: corrections that may hit "below reserved", and small receipts.</summary>
    private static int Delta(Random random)
    {
        var delta = random.Next(-3, 3);
        return delta >= 0 ? delta + 1 : delta;
    }

    /// <summary>One or two units of a SKU the source step asked for (it may hold fewer by now, or have ended).</summary>
    private static WorkloadOp.Carve Carve(Random random, List<WorkloadOp> steps, int sourceStep, string key)
    {
        var lines = ((WorkloadOp.Reserve)steps[sourceStep]).Lines;
        return new WorkloadOp.Carve(sourceStep, key, lines[random.Next(lines.Length)].Sku, random.Next(1, 3), random.Next(1, 15));
    }

    private static WorkloadOp.Reserve Reserve(Random random, string key, string[] skus)
    {
        var lines = skus.Where(_ => random.Next(2) == 0).Select(s => (s, random.Next(1, 4))).ToArray();
        return new WorkloadOp.Reserve(key, lines.Length > 0 ? lines : [(skus[0], 1)], Countries[random.Next(Countries.Length)], random.Next(1, 15));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"seed {Seed}: skus [{string.Join(", ", Skus)}], opening [{string.Join("; ", OpeningStock.Select(o => $"{o.Sku}@w{o.Warehouse}+{o.Delta}"))}]")
        + string.Concat(Tasks.Select((steps, t) => $"\n  task {t}: " + string.Join(" | ", steps.Select(s => s.ToString()))));
}
