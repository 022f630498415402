using System.Reflection;

namespace Emporium.ArchitectureTests;

/// <summary>
/// A module references only BuildingBlocks and Contracts: never another module, never the host.
/// Read from the compiled assemblies' references, so a forbidden reference fails the build's tests.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string[] Shared = ["Emporium.BuildingBlocks", "Emporium.Contracts"];

    /// <summary>Every Emporium assembly the host is composed of, found from the host's own references.</summary>
    private static IReadOnlyList<Assembly> EmporiumAssemblies()
    {
        var host = typeof(Program).Assembly;
        return host.GetReferencedAssemblies()
            .Where(a => a.Name!.StartsWith("Emporium.", StringComparison.Ordinal))
            .Select(Assembly.Load)
            .Append(host)
            .ToList();
    }

    private static IEnumerable<Assembly> Modules() =>
        EmporiumAssemblies().Where(a => a.GetName().Name is { } name && !Composers.Contains(name) && !Shared.Contains(name) && !name.StartsWith("Emporium.Adapters.", StringComparison.Ordinal));

    /// <summary>What composes the modules rather than being one: the host, and the web pages that call them in process (ADR 0013).</summary>
    private static readonly string[] Composers = ["Emporium.Host", "Emporium.Web"];

    [Fact]
    public void The_host_is_composed_of_at_least_the_catalog_module() =>
        Modules().Select(m => m.GetName().Name).ShouldContain("Emporium.Catalog");

    [Fact]
    public void No_module_references_another_module_or_the_host()
    {
        var violations = Modules()
            .SelectMany(module => module.GetReferencedAssemblies()
                .Where(r => r.Name!.StartsWith("Emporium.", StringComparison.Ordinal) && !Shared.Contains(r.Name))
                .Select(r => $"{module.GetName().Name} → {r.Name}"))
            .ToList();

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void Contracts_and_building_blocks_reference_no_module()
    {
        var shared = EmporiumAssemblies().Where(a => Shared.Contains(a.GetName().Name));
        var violations = shared
            .SelectMany(a => a.GetReferencedAssemblies()
                .Where(r => r.Name!.StartsWith("Emporium.", StringComparison.Ordinal) && !Shared.Contains(r.Name))
                .Select(r => $"{a.GetName().Name} → {r.Name}"))
            .ToList();

        violations.ShouldBeEmpty();
    }

    [Fact]
    public void A_module_exposes_only_its_registration()
    {
        var exposed = Modules()
            .SelectMany(m => m.GetExportedTypes())
            .Where(t => !t.Name.EndsWith("Module", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .ToList();

        exposed.ShouldBeEmpty();
    }
}
