using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;
using Emporium.Catalog.Categories;
using Emporium.Catalog.Products;
using Emporium.Catalog.Reading;
using Emporium.Catalog.Search;
using Emporium.Catalog.Seeding;
using Emporium.Catalog.Selling;
using Emporium.Catalog.Stock;
using Emporium.Catalog.Writing;
using Emporium.Contracts.Catalog;
using Emporium.Contracts.Inventory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.Catalog;

/// <summary>The catalog module's registration: the only public surface of the module.</summary>
public static class CatalogModule
{
    /// <summary>Output-cache policy name for catalog reads.</summary>
    public const string CachePolicy = "catalog";

    /// <summary>How long an instance may serve a cached catalog response; writes on this instance evict at once.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddCatalogModule(this IServiceCollection services, EmporiumOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddModuleSchema("catalog", typeof(CatalogModule).Assembly);
        services.AddSingleton<CatalogReferenceData>();
        services.AddSingleton<CatalogChanges>();
        services.AddSingleton<ProductEdit>();
        services.AddSingleton<ICatalogReader, CatalogReader>();
        services.AddIntegrationEventHandler<StockLevelChanged, StockLevelChangedHandler>();
        services.AddSingleton<SearchVocabulary>();
        services.AddSingleton<TypoCorrector>();
        services.AddSingleton<IProductSearch, ProductSearch>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<IFullTextIndex, PostgresFullTextIndex>();
            services.AddSingleton<VariantTypoNeighbours>();
            services.AddSingleton<ITypoNeighbours, TrigramTypoNeighbours>();
        }
        else
        {
            services.AddSingleton<IFullTextIndex, SqliteFullTextIndex>();
            services.AddSingleton<ITypoNeighbours, VariantTypoNeighbours>();
        }

        if (options.DemoData)
        {
            services.AddSingleton<IDataSeeder, DemoCatalogSeeder>();
        }

        services.AddOutputCache(cache => cache.AddPolicy(CachePolicy, policy => policy
            .Expire(CacheLifetime)
            .SetVaryByQuery("*")
            .Tag(CatalogChanges.CacheTag)));
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Catalog").CacheOutput(CachePolicy);

        api.MapGet("/categories", GetCategories.Handle)
            .WithName("GetCategories").WithSummary("The category tree.")
            .Produces<List<GetCategories.CategoryNode>>();

        api.MapGet("/products/{productId}", GetProduct.Handle)
            .WithName("GetProduct").WithSummary("A product with its variants (SKUs), rating summary and images.")
            .Produces<GetProduct.ProductDetails>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/search", SearchProducts.Handle)
            .WithName("SearchProducts")
            .WithSummary("Full-text search or browse with filters, facet counts, sorting and pages.")
            .WithDescription("Facets (brand, category, price, rating) are counted over the whole match set, not the page.")
            .WithSearchParameters()
            .Produces<SearchResponse>()
            .ProducesValidationProblem();

        api.MapGet("/search/suggest", SuggestProducts.Handle)
            .WithName("SuggestProducts").WithSummary("Up to ten completions: categories, brands and product titles.")
            .Produces<SuggestResponse>()
            .ProducesValidationProblem();

        SellerEndpoints.Map(endpoints);
        return endpoints;
    }

    /// <summary>
    /// Generates the large deterministic catalog (benchmarks) into an empty, migrated database,
    /// one transaction per batch. Product i is the same as product i of the demo catalog.
    /// </summary>
    public static async Task SeedLargeCatalogAsync(IServiceProvider services, int count, Action<int> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(progress);
        const int BatchSize = 10_000;
        var database = services.GetRequiredService<Database>();
        await using var connection = await database.OpenAsync(cancellationToken);

        DemoCatalog catalog;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            var existing = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM catalog_products", transaction: transaction);
            if (existing > 0)
            {
                throw new InvalidOperationException($"The database already holds {existing} products; seed into an empty data directory or database.");
            }

            var writer = await CatalogWriter.OpenAsync(connection, transaction, cancellationToken);
            catalog = await DemoCatalog.WriteReferenceDataAsync(writer, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        for (var start = 0; start < count; start += BatchSize)
        {
            var size = Math.Min(BatchSize, count - start);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var writer = await CatalogWriter.OpenAsync(connection, transaction, cancellationToken);
            await catalog.WriteProductsAsync(writer, catalog.Products(start, size), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            progress(start + size);
        }
    }
}
