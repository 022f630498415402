using Emporium.BuildingBlocks.Persistence.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emporium.BuildingBlocks.Persistence;

public static class PersistenceRegistration
{
    /// <summary>Registers the options, the <see cref="Database"/>, the migrator and the initializer.</summary>
    public static IServiceCollection AddEmporiumPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = EmporiumOptions.From(configuration);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Database>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    /// <summary>Declares a module's versioned scripts (embedded <c>Migrations/{Sqlite|Postgres}/V…__….sql</c>).</summary>
    public static IServiceCollection AddModuleSchema(this IServiceCollection services, string module, System.Reflection.Assembly assembly) =>
        services.AddSingleton(new ModuleSchema(module, assembly));
}
