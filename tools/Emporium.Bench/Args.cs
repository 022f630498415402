using System.Globalization;

namespace Emporium.Bench;

/// <summary>
/// <c>--name value</c> options, hand-parsed: the bench needs a handful of them, and a CLI package
/// would be one more thing for the partial NuGet copy to miss.
/// </summary>
internal sealed class Args
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    private Args(string command, string[] raw)
    {
        Command = command;
        Raw = raw;
    }

    public string Command { get; }

    /// <summary>The command line as given, recorded in the results so the report can quote it.</summary>
    public string[] Raw { get; }

    /// <summary>The command line as a shell would need it typed again: words with spaces or quotes single-quoted.</summary>
    /// <remarks><c>--setup</c> is left out: the report shows those commands on lines of their own.</remarks>
    public string ShellQuoted() =>
        string.Join(' ', Raw.Where((_, i) => Raw[i] != "--setup" && (i == 0 || Raw[i - 1] != "--setup")).Select(a => a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@".Contains(c, StringComparison.Ordinal)) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));

    public static Args Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            throw new UsageException("Missing command.");
        }

        var parsed = new Args(args[0], args);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new UsageException($"Expected '--name value', got '{args[i]}'.");
            }

            parsed._options[args[i][2..]] = args[++i];
        }

        return parsed;
    }

    public string Required(string name) =>
        _options.TryGetValue(name, out var value) ? value : throw new UsageException($"--{name} is required.");

    public string? Optional(string name) => _options.GetValueOrDefault(name);

    /// <summary>A multi-line option as its non-empty lines (none when absent), e.g. <c>--setup "$(printf '%s\n' …)"</c>.</summary>
    public IReadOnlyList<string> Lines(string name) =>
        (_options.GetValueOrDefault(name) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A <c>;</c>-separated option as its items (none when absent), e.g. <c>--host-config "A=1; B=2"</c>.</summary>
    public IReadOnlyList<string> List(string name) =>
        (_options.GetValueOrDefault(name) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string Text(string name, string fallback) => _options.GetValueOrDefault(name) ?? fallback;

    public int Integer(string name, int fallback, int min = 1)
    {
        if (!_options.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new UsageException($"--{name} must be a whole number of at least {min}.");
    }

    public double? Number(string name) =>
        _options.TryGetValue(name, out var text)
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : throw new UsageException($"--{name} must be a number.")
            : null;
}

/// <summary>A command line the bench cannot run: printed with the usage, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
