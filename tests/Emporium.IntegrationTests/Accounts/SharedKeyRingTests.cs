using System.Xml.Linq;
using Dapper;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>
/// Scale-out (ADR 0010): instances on one PostgreSQL database share the Data Protection key ring through
/// <c>accounts_data_protection_keys</c>, so a cookie or token one issues is honoured by all. Each instance
/// has a data directory of its own here, so the file system cannot be what shares the keys.
/// </summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task A_cookie_a_bearer_token_and_a_protected_payload_from_one_instance_are_accepted_by_another()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var instances = new Instances(database);
        var first = instances.Start();
        var second = instances.Start();

        using var register = await AccountsApi.ApiClient(first).PostRegisterAsync(AccountsApi.UniqueEmail(), name: "Grace Hopper");
        var issued = await register.ShouldHaveStatusAsync(201);
        var userId = issued.GetProperty("userId").GetString();
        var cookie = register.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("emporium_auth=", StringComparison.Ordinal)).Split(';')[0];

        using var client = AccountsApi.ApiClient(second);
        var viaToken = await (await client.SendAsync(HttpMethod.Get, "/api/accounts/me", issued.GetProperty("accessToken").GetString()))
            .ShouldHaveStatusAsync(200);
        viaToken.GetProperty("userId").GetString().ShouldBe(userId);

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/me");
        withCookie.Headers.Add("Cookie", cookie);
        var viaCookie = await (await client.SendAsync(withCookie)).ShouldHaveStatusAsync(200);
        viaCookie.GetProperty("userId").GetString().ShouldBe(userId);

        // What the flash-sale purchase tokens use: the provider itself, under a purpose of its own.
        const string Purpose = "Emporium.IntegrationTests.SharedKeyRing";
        var sealedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("admitted");
        second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(sealedText).ShouldBe("admitted");

        instances.KeyFilesOnDisk().ShouldBe(0, "the keys are in the database, not in either data directory");
    }

    [Fact]
    public async Task Instances_starting_together_on_an_empty_database_store_one_key_as_a_row_and_all_use_it()
    {
        await using var database = await TestDatabase.PostgresAsync();
        await using var instances = new Instances(database);
        var apps = Enumerable.Range(0, 3).Select(_ => instances.Create()).ToList();

        // Touching Services builds and starts each host: migrations and seeding under the start-up lock.
        await Task.WhenAll(apps.Select(app => Task.Run(() => app.Services)));

        await using var connection = await apps[0].Database.OpenAsync();
        var rows = (await connection.QueryAsync<(string FriendlyName, string Xml, long CreatedAt)>(
            "SELECT friendly_name, xml, created_at FROM accounts_data_protection_keys")).ToList();
        var row = rows.ShouldHaveSingleItem("the first key was made once, under the start-up lock");
        var key = XElement.Parse(row.Xml);
        key.Name.LocalName.ShouldBe("key");
        row.FriendlyName.ShouldBe("key-" + key.Attribute("id")!.Value);
        row.CreatedAt.ShouldBeGreaterThan(0);
        (await connection.QueryAsync<string>("SELECT name FROM seed_history")).ShouldContain("accounts-key-ring");

        foreach (var app in apps)
        {
            var keys = app.Services.GetRequiredService<IKeyManager>().GetAllKeys();
            keys.ShouldHaveSingleItem().KeyId.ToString().ShouldBe(key.Attribute("id")!.Value);
        }

        // Every instance's sign-in is honoured by every other one.
        foreach (var issuer in apps)
        {
            var user = await AccountsApi.ApiClient(issuer).RegisterAsync();
            foreach (var other in apps.Where(app => app != issuer))
            {
                using var client = AccountsApi.ApiClient(other);
                await (await client.SendAsync(HttpMethod.Get, "/api/accounts/me", user.AccessToken)).ShouldHaveStatusAsync(200);
            }
        }

        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM accounts_data_protection_keys")).ShouldBe(1, "using the ring made no further keys");
        instances.KeyFilesOnDisk().ShouldBe(0);
    }

    /// <summary>Hosts on one database, each with a data directory of its own; all removed at the end.</summary>
    private sealed class Instances(TestDatabase database) : IAsyncDisposable
    {
        private readonly List<EmporiumApp> _apps = [];
        private readonly List<string> _directories = [];

        /// <summary>A host not yet started (it starts when its services or a client are first asked for).</summary>
        public EmporiumApp Create()
        {
            var directory = Path.Combine(Path.GetTempPath(), "emporium-test-" + Guid.NewGuid().ToString("N"));
            _directories.Add(directory);
            var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings)
            {
                ["Emporium:DataDirectory"] = directory,
                ["Emporium:DemoData"] = "false",
            });
            _apps.Add(app);
            return app;
        }

        /// <summary>A host, started.</summary>
        public EmporiumApp Start()
        {
            var app = Create();
            _ = app.Services;
            return app;
        }

        public int KeyFilesOnDisk() =>
            _directories.Sum(d => Directory.Exists(Path.Combine(d, "keys")) ? Directory.GetFiles(Path.Combine(d, "keys")).Length : 0);

        public async ValueTask DisposeAsync()
        {
            foreach (var app in _apps)
            {
                await app.DisposeAsync();
            }

            foreach (var directory in _directories.Where(Directory.Exists))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
