using System.Data.Common;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Catalog.Writing;

namespace Emporium.Catalog.Seeding;

/// <summary>Seeds the demo catalog into a fresh database when <c>Emporium:DemoData</c> is on.</summary>
internal sealed class DemoCatalogSeeder : IDataSeeder
{
    /// <summary>"A few hundred products with variants": enough to browse every category and facet.</summary>
    public const int ProductCount = 400;

    public string Name => "catalog-demo";

    public int Order => 100;

    public async Task SeedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var writer = await CatalogWriter.OpenAsync(connection, transaction, cancellationToken);
        var catalog = await DemoCatalog.WriteReferenceDataAsync(writer, cancellationToken);
        await catalog.WriteProductsAsync(writer, catalog.Products(0, ProductCount), cancellationToken);
    }
}
