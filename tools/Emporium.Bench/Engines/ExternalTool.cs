using System.Diagnostics;

namespace Emporium.Bench.Engines;

/// <summary>
/// Runs the engines' own tools (<c>pgbench</c>, <c>redis-benchmark</c>, <c>redis-cli</c>) as child
/// processes, optionally pinned with <c>taskset</c> the way wrk is, and quotes their command lines for
/// the report.
/// </summary>
internal static class ExternalTool
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyList<string> command, CancellationToken cancellationToken, string? debianPackage = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command[0]}.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UsageException($"{command[0]} is not installed" + (debianPackage is null ? "." : $": apt-get install -y {debianPackage}."));
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true); // Ctrl+C: no load left running against the engine
                throw;
            }

            return (process.ExitCode, await output, await error);
        }
    }

    /// <summary><paramref name="command"/> prefixed with <c>taskset -c CPUS</c> when <paramref name="cpus"/> is set.</summary>
    public static IReadOnlyList<string> Pinned(string? cpus, IEnumerable<string> command) =>
        cpus is null ? [.. command] : ["taskset", "-c", cpus, .. command];

    /// <summary>The command as a shell would need it typed: words with spaces, quotes or braces single-quoted.</summary>
    public static string Quote(IEnumerable<string> command) =>
        string.Join(' ', command.Select(a => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@%".Contains(c, StringComparison.Ordinal))
            ? a
            : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    /// <summary>The first line a tool prints for <c>--version</c>.</summary>
    public static async Task<string> VersionAsync(string tool, string debianPackage, CancellationToken cancellationToken)
    {
        var (_, output, error) = await RunAsync([tool, "--version"], cancellationToken, debianPackage);
        return (output + error).Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? tool;
    }
}
