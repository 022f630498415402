using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Emporium.Bench.Results;

/// <summary>Where and when the figures were measured: they mean little without it.</summary>
internal sealed record MachineInfo(int Cores, double MemoryGiB, string Cpu, string Os, string Runtime, DateTimeOffset Date, string Commit)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        Math.Round(MemoryKiB() / 1024.0 / 1024.0, 1),
        ProcInfo("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        DateTimeOffset.UtcNow,
        GitCommit());

    private static long MemoryKiB()
    {
        // "MemTotal:       24570196 kB"
        var line = ProcInfo("/proc/meminfo", "MemTotal");
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
            ? kib
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024;
    }

    private static string? ProcInfo(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    /// <summary>The short commit, marked when src/ differs from it (the figures then belong to uncommitted code).</summary>
    private static string GitCommit()
    {
        var commit = Git("rev-parse --short HEAD");
        if (commit is null)
        {
            return "unknown";
        }

        // Only src/ decides what was measured; the bench itself and the docs may be new.
        var dirty = Git("status --porcelain -- src");
        return string.IsNullOrEmpty(dirty) ? commit : commit + " (src/ has uncommitted changes)";
    }

    private static string? Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine
        }
    }
}
