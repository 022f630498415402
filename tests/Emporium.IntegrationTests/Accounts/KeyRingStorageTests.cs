using System.Xml.Linq;
using Dapper;
using Emporium.Accounts.Authentication.KeyRing;
using Emporium.BuildingBlocks.Persistence;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>
/// Where the Data Protection keys are kept (ADR 0010): the embedded default on disk in its data directory,
/// scale-out in <c>accounts_data_protection_keys</c>; and the table's repository on either engine.
/// </summary>
public abstract class KeyRingStorageTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    protected abstract bool KeysInDatabase { get; }

    [Fact]
    public async Task The_key_behind_sign_ins_is_kept_in_the_data_directory_when_embedded_and_in_the_database_when_scaled_out()
    {
        // A sign-in needs the key ring, so it exists by now whichever way it is kept.
        await AccountsApi.ApiClient(_app).RegisterAsync();

        var keys = Path.Combine(_app.Services.GetRequiredService<EmporiumOptions>().DataDirectory, "keys");
        var onDisk = Directory.Exists(keys) ? Directory.GetFiles(keys, "key-*.xml").Length : 0;
        await using var connection = await _app.Database.OpenAsync();
        var inDatabase = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM accounts_data_protection_keys WHERE friendly_name LIKE 'key-%'");

        (onDisk, inDatabase).ShouldBe(KeysInDatabase ? (0, 1L) : (1, 0L));
    }

    [Fact]
    public async Task The_repository_stores_an_element_once_by_name_and_reads_back_every_element()
    {
        // Element names the key manager skips as unknown: the fixture's host reads this table as its key ring.
        var repository = new DatabaseXmlRepository(_app.Database, TimeProvider.System, NullLogger<DatabaseXmlRepository>.Instance);
        var name = "test-" + Guid.NewGuid().ToString("N");
        var before = repository.GetAllElements().Count;

        repository.StoreElement(new XElement("testElement", new XAttribute("id", name), new XElement("value", "first")), name);
        repository.StoreElement(new XElement("testElement", new XAttribute("id", name), new XElement("value", "second")), name);
        repository.StoreElement(new XElement("testElement", new XAttribute("id", name), new XElement("value", "other")), name + "-other");

        var mine = repository.GetAllElements().Where(e => (string?)e.Attribute("id") == name).Select(e => e.Element("value")!.Value).ToList();
        mine.ShouldBe(["first", "other"], ignoreOrder: true, "storing a name again keeps the first element");
        repository.GetAllElements().Count.ShouldBe(before + 2);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteKeyRingStorageTests(SqliteAppFixture fixture) : KeyRingStorageTests(fixture)
{
    protected override bool KeysInDatabase => false;
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresKeyRingStorageTests(PostgresAppFixture fixture) : KeyRingStorageTests(fixture)
{
    protected override bool KeysInDatabase => true;
}
