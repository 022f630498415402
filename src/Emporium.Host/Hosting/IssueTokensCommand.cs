using System.Globalization;
using System.Text;
using Emporium.Accounts;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Security;
using Spectre.Console;

namespace Emporium.Host.Hosting;

/// <summary>
/// <c>issue-tokens --count N --out FILE [--prefix bench-buyer] [--role admin] [--hours 12]</c>: writes N
/// bearer tokens for synthetic users <c>PREFIX-000001</c>… as <c>userId TAB token</c> lines, protected
/// with the configured key ring (the data directory's, or the database's when PostgreSQL is configured),
/// so a host on that data directory or database accepts them. For load tests (tools/Emporium.Bench):
/// thousands of distinct buyers without registering (and hashing a password for) each one. Embedded, run
/// it before the host first starts on an empty data directory, so both use the one key it creates; on
/// PostgreSQL it migrates the accounts schema and makes the first key itself if the host has not yet.
/// </summary>
internal static class IssueTokensCommand
{
    public const string Name = "issue-tokens";

    private const int MaxCount = 1_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var (count, output, prefix, roles, lifetime, rest) = Parse(args);
        if (count is null || output is null)
        {
            await Console.Error.WriteLineAsync(
                $"Usage: Emporium.Host {Name} --count N (1 to {MaxCount:N0}) --out FILE [--prefix bench-buyer] [--role admin|seller] [--hours 12]");
            return 2;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder([.. rest]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = EmporiumOptions.From(builder.Configuration);
        builder.Services.AddEmporiumPersistence(builder.Configuration);
        builder.Services.AddAccountsModule(options, builder.Configuration);
        using var host = builder.Build();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            // The key ring is in the database (ADR 0010): its table must exist, and its first key is made
            // under the start-up lock, exactly as a host starting on that database would.
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        }

        var lines = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            var userId = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D6}");
            lines.Append(userId).Append('\t').Append(AccountsModule.IssueBearerToken(host.Services, userId, roles, lifetime)).Append('\n');
        }

        var keyRing = options.Provider == DatabaseProvider.Postgres ? "the database" : Path.Combine(options.DataDirectory, "keys");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, lines.ToString());
        AnsiConsole.MarkupLine(
            $"Wrote {count:N0} {(count == 1 ? "token" : "tokens")} ({Markup.Escape(prefix)}-…, roles: {Markup.Escape(string.Join(',', roles))}, valid {lifetime.TotalHours:N0} h) "
            + $"for the key ring in {Markup.Escape(keyRing)} to {Markup.Escape(output)}");
        return 0;
    }

    private static (int? Count, string? Output, string Prefix, List<string> Roles, TimeSpan Lifetime, List<string> HostArgs) Parse(string[] args)
    {
        int? count = null;
        string? output = null;
        var prefix = "bench-buyer";
        // Every account holds the customer role (Register gives it); --role adds admin or seller.
        var roles = new List<string> { Roles.Customer };
        var hours = 12.0;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--count" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= MaxCount:
                    count = n;
                    i++;
                    break;
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    output = value;
                    i++;
                    break;
                case "--prefix" when !string.IsNullOrWhiteSpace(value):
                    prefix = value;
                    i++;
                    break;
                case "--role" when value is Roles.Admin or Roles.Seller:
                    roles.Add(value);
                    i++;
                    break;
                case "--hours" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h is > 0 and <= 24 * 30:
                    hours = h;
                    i++;
                    break;
                case "--count" or "--out" or "--prefix" or "--role" or "--hours":
                    return (null, null, prefix, roles, TimeSpan.Zero, rest); // a known option with a bad value: show the usage
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return (count, output, prefix, roles, TimeSpan.FromHours(hours), rest);
    }
}
