using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emporium.Bench.Results;

/// <summary>Everything one B5 run measured, written as JSON; <c>report</c> renders docs/benchmarks.md from it alone.</summary>
internal sealed record SearchRun(
    MachineInfo Machine,
    CatalogInfo Catalog,
    RunSettings Settings,
    IReadOnlyList<RoundResult> Rounds,
    IReadOnlyList<QueryResult> Queries);

internal sealed record CatalogInfo(long Products, long DatabaseBytes, string Engine, double? SeedSeconds);

internal sealed record RunSettings(string Url, string Database, int Rounds, int Repeat, int Queries, string CommandLine, string? Script);

/// <summary>One round: every query <see cref="RunSettings.Repeat"/> times on each side, interleaved.</summary>
internal sealed record RoundResult(int Round, double EndpointP50, double EndpointP95, double RawP50, double RawP95)
{
    public double RatioP50 => EndpointP50 / RawP50;

    public double RatioP95 => EndpointP95 / RawP95;
}

/// <summary>One query over all rounds: medians and the answer's size.</summary>
internal sealed record QueryResult(string Label, long Total, double EndpointMedian, double EndpointMax, double RawMedian, double RawMax);

/// <summary>The app's search pipeline timed step by step in-process (<c>profile</c>): where the endpoint's time goes.</summary>
/// <remarks>Steps[..PipelineSteps] add up to a request; then SearchAsync whole, a check on their sum.</remarks>
internal sealed record ProfileRun(int Repeat, IReadOnlyList<string> Steps, int PipelineSteps, IReadOnlyList<ProfileQuery> Queries);

/// <summary>One query: matched candidates and the median milliseconds of each step, in <see cref="ProfileRun.Steps"/> order.</summary>
internal sealed record ProfileQuery(string Label, long Candidates, long Total, IReadOnlyList<double> StepMedians);

internal static class ResultFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync<T>(string path, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, value, Options);
    }

    public static async Task<T> ReadAsync<T>(string path)
    {
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(file, Options) ?? throw new InvalidDataException($"{path} is empty.");
    }
}
