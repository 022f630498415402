namespace Emporium.Bench.Results;

/// <summary>Percentiles and the median-with-spread summary every figure in the report is quoted as.</summary>
internal static class Stats
{
    /// <summary>Linear interpolation between closest ranks (the "R-7" definition spreadsheets use).</summary>
    public static double Percentile(IReadOnlyList<double> samples, double percentile)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var position = (sorted.Length - 1) * percentile / 100;
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }

    public static double Median(IReadOnlyList<double> samples) => Percentile(samples, 50);

    /// <summary>A figure measured once per round: its median across rounds, and the lowest and highest round.</summary>
    public static Spread Across(IEnumerable<double> perRound)
    {
        var values = perRound.ToList();
        return new Spread(Median(values), values.Min(), values.Max());
    }
}

/// <summary>Median, min and max across rounds. <see cref="RelativePercent"/> is (max − min) / median.</summary>
internal sealed record Spread(double Median, double Min, double Max)
{
    public double RelativePercent => Median == 0 ? 0 : (Max - Min) / Median * 100;
}
