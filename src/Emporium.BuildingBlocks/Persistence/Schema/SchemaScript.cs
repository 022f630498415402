using System.Reflection;
using System.Text.RegularExpressions;

namespace Emporium.BuildingBlocks.Persistence.Schema;

/// <summary>
/// One versioned SQL script of one module for one engine, shipped as an embedded resource named
/// <c>…Migrations.{Sqlite|Postgres}.V{version}__{name}.sql</c>.
/// </summary>
public sealed partial record SchemaScript(string Module, DatabaseProvider Provider, int Version, string Name, string Sql)
{
    /// <summary>Every script a module's assembly carries for the given engine, in version order.</summary>
    public static IReadOnlyList<SchemaScript> Load(string module, Assembly assembly, DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success || !Enum.TryParse<DatabaseProvider>(match.Groups["provider"].Value, out var scriptProvider) || scriptProvider != provider)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(
                module,
                provider,
                int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                reader.ReadToEnd()));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Module {module} has two {provider} scripts with version {scripts[i].Version}.");
            }
        }

        return scripts;
    }

    [GeneratedRegex(@"\.Migrations\.(?<provider>Sqlite|Postgres)\.V(?<version>\d+)__(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex ResourceName();
}
