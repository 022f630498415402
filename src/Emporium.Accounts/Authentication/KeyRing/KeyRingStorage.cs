using Emporium.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.Accounts.Authentication.KeyRing;

/// <summary>Where the Data Protection keys live: the shared database when scaled out, the data directory when embedded (ADR 0010).</summary>
internal static class KeyRingStorage
{
    /// <summary>The application name every instance shares: it is part of every protector's purpose, so it must never differ.</summary>
    public const string ApplicationName = "Emporium";

    public static IDataProtectionBuilder PersistKeys(this IDataProtectionBuilder builder, EmporiumOptions options)
    {
        builder.SetApplicationName(ApplicationName);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // One process owns the data directory: keys on disk beside the database, kept across restarts.
            return builder.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDirectory, "keys")));
        }

        // Several instances share PostgreSQL: a cookie or token one of them issues must open on all of them.
        builder.Services.AddSingleton<DatabaseXmlRepository>();
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseXmlRepository>((keys, repository) => keys.XmlRepository = repository);
        builder.Services.AddSingleton<IDataSeeder, FirstKeySeeder>();
        return builder;
    }
}
