using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Emporium.IntegrationTests.Inventory;

/// <summary>
/// Seeded random workloads — reserve, carve, commit, release, return, extend, expire and adjust, interleaved from
/// several tasks — each checked against the ledger's invariants. A seed's steps are a pure function of
/// it, so a failure prints the seed and its plan, and <c>EMPORIUM_INVENTORY_SEEDS=1234</c> (or
/// <c>100-199</c>) replays exactly those steps. One database per engine, emptied between seeds.
/// </summary>
public abstract class RandomWorkloadTests(ITestOutputHelper output)
{
    protected abstract string Engine { get; }

    /// <summary>How many seeds this engine runs by default (1,000 on SQLite).</summary>
    protected abstract int DefaultSeeds { get; }

    [Fact]
    public async Task Every_seeded_workload_keeps_figures_equal_to_the_ledger_and_ends_each_reservation_at_most_once()
    {
        var seeds = Seeds();
        var clock = Stopwatch.StartNew();
        await using var bench = await InventoryBench.StartAsync(Engine);
        await bench.WarehousesAsync((40.7, -74.0, ["US", "GB"]), (51.3, 12.4, ["GB", "DE"]));
        foreach (var seed in seeds)
        {
            await bench.ResetAsync();
            var plan = WorkloadPlan.For(seed);
            IReadOnlyList<string> problems;
            try
            {
                problems = await new WorkloadRunner(bench, plan).RunAsync();
            }
            catch (Exception exception)
            {
                problems = [exception.ToString()];
            }

            if (problems.Count > 0)
            {
                Assert.Fail($"""
                    {Engine} workload seed {seed} failed (replay: EMPORIUM_INVENTORY_SEEDS={seed} dotnet test --filter "FullyQualifiedName~{GetType().Name}"):
                    {string.Join("\n", problems)}
                    {plan}
                    """);
            }
        }

        output.WriteLine($"{Engine}: {seeds.Count} seeds in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private List<int> Seeds()
    {
        var text = Environment.GetEnvironmentVariable("EMPORIUM_INVENTORY_SEEDS");
        if (string.IsNullOrWhiteSpace(text))
        {
            return Enumerable.Range(1, DefaultSeeds).ToList();
        }

        var parts = text.Split('-', 2);
        var from = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var to = parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : from;
        return Enumerable.Range(from, to - from + 1).ToList();
    }
}

public sealed class SqliteRandomWorkloadTests(ITestOutputHelper output) : RandomWorkloadTests(output)
{
    protected override string Engine => "sqlite";

    protected override int DefaultSeeds => 1_000;
}

public sealed class PostgresRandomWorkloadTests(ITestOutputHelper output) : RandomWorkloadTests(output)
{
    protected override string Engine => "postgres";

    protected override int DefaultSeeds => 200;
}
