using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Persistence.Schema;
using Emporium.Catalog;

namespace Emporium.UnitTests.BuildingBlocks.Persistence.Schema;

/// <summary>
/// The catalog assembly carries the real scripts; this test assembly carries fixtures under
/// <c>Migrations/</c> next to this file (see the csproj) for ordering and the duplicate check.
/// </summary>
public sealed class SchemaScriptTests
{
    private static readonly System.Reflection.Assembly Catalog = typeof(CatalogModule).Assembly;
    private static readonly System.Reflection.Assembly Fixtures = typeof(SchemaScriptTests).Assembly;

    [Fact]
    public void The_catalog_has_its_first_sqlite_script()
    {
        var scripts = SchemaScript.Load("catalog", Catalog, DatabaseProvider.Sqlite);

        var first = scripts[0];
        first.Module.ShouldBe("catalog");
        first.Provider.ShouldBe(DatabaseProvider.Sqlite);
        first.Version.ShouldBe(1);
        first.Name.ShouldBe("catalog");
        first.Sql.ShouldContain("CREATE TABLE catalog_products");
        first.Sql.ShouldContain("fts5");
    }

    [Fact]
    public void The_catalog_has_its_first_postgres_script()
    {
        var scripts = SchemaScript.Load("catalog", Catalog, DatabaseProvider.Postgres);

        var first = scripts[0];
        first.Provider.ShouldBe(DatabaseProvider.Postgres);
        first.Version.ShouldBe(1);
        first.Name.ShouldBe("catalog");
        first.Sql.ShouldContain("CREATE TABLE catalog_products");
        first.Sql.ShouldContain("tsvector");
        first.Sql.ShouldNotContain("fts5");
    }

    [Fact]
    public void The_catalog_engines_keep_their_versions_in_step_and_only_postgres_creates_the_trigram_index()
    {
        var sqlite = SchemaScript.Load("catalog", Catalog, DatabaseProvider.Sqlite);
        var postgres = SchemaScript.Load("catalog", Catalog, DatabaseProvider.Postgres);

        sqlite.Select(s => (s.Version, s.Name)).ShouldBe(postgres.Select(s => (s.Version, s.Name)));
        postgres[1].Sql.ShouldContain("gin_trgm_ops");
        sqlite[1].Sql.ShouldNotContain("CREATE");
    }

    [Fact]
    public void Scripts_come_in_numeric_version_order_not_name_order()
    {
        var scripts = SchemaScript.Load("fixtures", Fixtures, DatabaseProvider.Sqlite);

        scripts.Select(s => (s.Version, s.Name)).ShouldBe([(2, "two"), (10, "ten")]);
        scripts[1].Sql.ShouldContain("SELECT 10;");
    }

    [Fact]
    public void Two_scripts_with_the_same_version_for_one_engine_are_refused()
    {
        var exception = Should.Throw<InvalidOperationException>(() => SchemaScript.Load("fixtures", Fixtures, DatabaseProvider.Postgres));

        exception.Message.ShouldContain("version 1");
    }

    [Fact]
    public void An_assembly_without_scripts_has_none() =>
        SchemaScript.Load("shouldly", typeof(Shouldly.ShouldAssertException).Assembly, DatabaseProvider.Sqlite).ShouldBeEmpty();
}
