using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Emporium.BuildingBlocks.Persistence.Schema;

/// <summary>
/// Applies each module's versioned scripts that the database has not seen yet, one transaction per
/// script, recording them in <c>schema_versions</c>. The caller holds the start-up lock, so several
/// instances starting on one empty database apply each script exactly once.
/// </summary>
public sealed class SchemaMigrator(Database database, IEnumerable<ModuleSchema> modules, TimeProvider clock, ILogger<SchemaMigrator> logger)
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_versions (
            module     TEXT    NOT NULL,
            version    INTEGER NOT NULL,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL,
            PRIMARY KEY (module, version)
        )
        """;

    public async Task MigrateAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.ExecuteAsync(new CommandDefinition(CreateVersionTable, cancellationToken: cancellationToken));

        foreach (var module in modules)
        {
            var applied = (await connection.QueryAsync<int>(new CommandDefinition(
                "SELECT version FROM schema_versions WHERE module = @Module",
                new { module.Module },
                cancellationToken: cancellationToken))).ToHashSet();

            foreach (var script in SchemaScript.Load(module.Module, module.Assembly, database.Provider))
            {
                if (applied.Contains(script.Version))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_versions (module, version, name, applied_at) VALUES (@Module, @Version, @Name, @AppliedAt)",
                    new { script.Module, script.Version, script.Name, AppliedAt = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                    transaction,
                    cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied {Provider} schema {Module} V{Version} ({Name})", database.Provider, script.Module, script.Version, script.Name);
            }
        }
    }
}
