using System.Data.Common;

namespace Emporium.BuildingBlocks.Persistence;

/// <summary>
/// Data a module puts into a fresh database (the demo catalog, demo accounts). Each seeder runs at most
/// once per database: the initializer records its <see cref="Name"/> in the same transaction.
/// </summary>
public interface IDataSeeder
{
    /// <summary>Stable name recorded in <c>seed_history</c>.</summary>
    string Name { get; }

    /// <summary>Order among seeders (lower first), for seeders that build on another's data.</summary>
    int Order { get; }

    Task SeedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
