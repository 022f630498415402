using System.Globalization;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Catalog;
using Spectre.Console;

namespace Emporium.Host.Hosting;

/// <summary>
/// <c>seed-catalog --products N</c>: migrates the configured database (no demo data) and generates N
/// deterministic products with a progress bar. The database must hold no products yet.
/// </summary>
internal static class SeedCatalogCommand
{
    public const string Name = "seed-catalog";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = 1_000_000;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--products" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                count = n;
                i++;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder([.. rest]);
        builder.Configuration["Emporium:DemoData"] = "false";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = EmporiumOptions.From(builder.Configuration);
        builder.Services.AddEmporiumPersistence(builder.Configuration);
        builder.Services.AddCatalogModule(options);
        using var host = builder.Build();

        await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        AnsiConsole.MarkupLine($"Seeding [bold]{count:N0}[/] products into {options.Provider} ({Markup.Escape(options.Provider == DatabaseProvider.Sqlite ? options.SqliteFile : "PostgreSQL")})");
        var started = TimeProvider.System.GetTimestamp();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("products", maxValue: count);
                await CatalogModule.SeedLargeCatalogAsync(host.Services, count, done => task.Value = done, CancellationToken.None);
            });
        AnsiConsole.MarkupLine($"Done: {count:N0} products in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:N0} s.");
        return 0;
    }
}
