using System.Globalization;
using Dapper;
using Emporium.BuildingBlocks.Persistence.Schema;
using Microsoft.Extensions.Logging;

namespace Emporium.BuildingBlocks.Persistence;

/// <summary>
/// Brings the database to the current schema and seeds it, under the start-up lock, before the host
/// serves requests. <see cref="IsReady"/> feeds <c>/health/ready</c>.
/// </summary>
public sealed class DatabaseInitializer(
    Database database,
    SchemaMigrator migrator,
    IEnumerable<IDataSeeder> seeders,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    private const string CreateSeedHistory = """
        CREATE TABLE IF NOT EXISTS seed_history (
            name       TEXT NOT NULL PRIMARY KEY,
            applied_at TEXT NOT NULL
        )
        """;

    private volatile bool _ready;

    public bool IsReady => _ready;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using (var startup = await StartupLock.AcquireAsync(database, cancellationToken))
        {
            var connection = startup.Connection;
            await migrator.MigrateAsync(connection, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(CreateSeedHistory, cancellationToken: cancellationToken));

            foreach (var seeder in seeders.OrderBy(s => s.Order))
            {
                var done = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM seed_history WHERE name = @Name", new { seeder.Name }, cancellationToken: cancellationToken));
                if (done > 0)
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await seeder.SeedAsync(connection, transaction, cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO seed_history (name, applied_at) VALUES (@Name, @AppliedAt)",
                    new { seeder.Name, AppliedAt = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) },
                    transaction,
                    cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Seeded {Seeder}", seeder.Name);
            }
        }

        _ready = true;
    }
}
