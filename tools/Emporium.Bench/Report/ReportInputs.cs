using Emporium.Bench.Results;

namespace Emporium.Bench.Report;

/// <summary>
/// The results one report renders: every scenario's JSON of one scale found in the results folder
/// (<c>b1-full.json</c>, <c>b1-acceptance-full.json</c>, <c>b2-full.json</c>, <c>b3-full.json</c>, <c>b4-full.json</c>, <c>b5-full.json</c> with
/// <c>b5-full-profile.json</c>, <c>b6-full.json</c>). A scenario without a file keeps its section from
/// the report being replaced, if it has one — so a B6 run never erases B5.
/// </summary>
internal sealed record ReportInputs(
    string Directory,
    string Scale,
    ThroughputRun? FlashSale,
    AcceptanceRun? Acceptance,
    ThroughputRun? RedisFlashSale,
    ThroughputRun? Checkout,
    ThroughputRun? GroupCommit,
    SearchRun? Search,
    ProfileRun? SearchProfile,
    ThroughputRun? Cart,
    IReadOnlyDictionary<string, string> KeptSections,
    IReadOnlyList<string> Files)
{
    /// <summary>The scenarios, in report order, with the heading their section starts with.</summary>
    public static readonly IReadOnlyList<string> Scenarios = ["B1", "B2", "B3", "B4", "B5", "B6"];

    public IEnumerable<ThroughputRun> Throughput => new[] { FlashSale, RedisFlashSale, Checkout, GroupCommit, Cart }.OfType<ThroughputRun>();

    /// <summary>Where and when: the newest run's machine.</summary>
    public MachineInfo? Machine =>
        new[] { FlashSale?.Machine, Acceptance?.Machine, RedisFlashSale?.Machine, Checkout?.Machine, GroupCommit?.Machine, Search?.Machine, Cart?.Machine }.OfType<MachineInfo>().MaxBy(m => m.Date);

    public string SearchPath => Path.Combine(Directory, $"b5-{Scale}.json");

    public string ProfilePath => Path.Combine(Directory, $"b5-{Scale}-profile.json");

    /// <param name="directory">The results folder.</param>
    /// <param name="scale"><c>small</c> or <c>full</c>: which files to read.</param>
    /// <param name="searchFile">An explicit B5 file (<c>--in</c>, as before scenarios had one file each).</param>
    /// <param name="profileFile">An explicit B5 profile file (<c>--profile</c>).</param>
    /// <param name="output">The report to be replaced: sections without a file now are kept from it.</param>
    public static async Task<ReportInputs> LoadAsync(string directory, string scale, string? searchFile, string? profileFile, string output)
    {
        var files = new List<string>();
        async Task<T?> Read<T>(string path)
            where T : class
        {
            if (!File.Exists(path))
            {
                return null;
            }

            files.Add(path);
            return await ResultFile.ReadAsync<T>(path);
        }

        // Read in report order, so the list of files reads in that order too.
        var flashSale = await Read<ThroughputRun>(Path.Combine(directory, $"b1-{scale}.json"));
        var acceptance = await Read<AcceptanceRun>(Path.Combine(directory, $"b1-acceptance-{scale}.json"));
        var redisFlashSale = await Read<ThroughputRun>(Path.Combine(directory, $"b2-{scale}.json"));
        var checkout = await Read<ThroughputRun>(Path.Combine(directory, $"b3-{scale}.json"));
        var groupCommit = await Read<ThroughputRun>(Path.Combine(directory, $"b4-{scale}.json"));
        var search = await Read<SearchRun>(searchFile ?? Path.Combine(directory, $"b5-{scale}.json"));
        var profile = search is null ? null : await Read<ProfileRun>(profileFile ?? Path.Combine(directory, $"b5-{scale}-profile.json"));
        var cart = await Read<ThroughputRun>(Path.Combine(directory, $"b6-{scale}.json"));
        var inputs = new ReportInputs(directory, scale, flashSale, acceptance, redisFlashSale, checkout, groupCommit, search, profile, cart, new Dictionary<string, string>(), files);
        var kept = KeptFrom(output, inputs);
        return inputs with { KeptSections = kept };
    }

    /// <summary>Has this scenario a result file in this report?</summary>
    public bool Has(string scenario) => scenario switch
    {
        "B1" => FlashSale is not null || Acceptance is not null,
        "B2" => RedisFlashSale is not null,
        "B3" => Checkout is not null,
        "B4" => GroupCommit is not null,
        "B5" => Search is not null,
        "B6" => Cart is not null,
        _ => false,
    };

    /// <summary>
    /// The sections of the existing report whose scenario has no file now, verbatim (from their
    /// <c>## Bn</c> heading to the next <c>## </c> heading), with a line saying when they were measured.
    /// </summary>
    private static Dictionary<string, string> KeptFrom(string output, ReportInputs inputs)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(output))
        {
            return kept;
        }

        var lines = File.ReadAllLines(output);
        var measured = MeasuredLine(lines);
        foreach (var scenario in Scenarios.Where(s => !inputs.Has(s)))
        {
            var start = Array.FindIndex(lines, l => l.StartsWith($"## {scenario}:", StringComparison.Ordinal));
            if (start < 0)
            {
                continue;
            }

            var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            var section = lines[start..(end < 0 ? lines.Length : end)].ToList();
            var note = $"*Kept from the previous report: no `{scenario.ToLowerInvariant()}-*.json` in this run.*";
            if (!section.Any(l => l.StartsWith("*Kept from the previous report", StringComparison.Ordinal)))
            {
                // A section of this generator says when it was measured; an older one relied on the machine table.
                var dated = section.Any(l => l.StartsWith(ThroughputSections.MeasuredPrefix, StringComparison.Ordinal));
                section.InsertRange(1, ["", dated || measured is null ? note : $"{note[..^1]} It was measured {measured}.*"]);
            }

            kept[scenario] = string.Join('\n', section).TrimEnd() + "\n\n";
        }

        return kept;
    }

    /// <summary>"on 2026-11-22 03:01 UTC at commit `24d6f69`", from a report that had one machine table for one scenario.</summary>
    private static string? MeasuredLine(string[] lines)
    {
        string? Cell(string key) => lines.FirstOrDefault(l => l.StartsWith($"| {key} | ", StringComparison.Ordinal))?.Split('|', StringSplitOptions.TrimEntries)[2];
        var (date, commit) = (Cell("date"), Cell("commit"));
        return date is null || commit is null ? null : $"on {date} at commit {commit}";
    }
}
