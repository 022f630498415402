using System.Net;
using System.Net.Http.Headers;
using Emporium.Host.Hosting;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>
/// <c>Emporium.Host issue-tokens</c> (load tests): tokens written for a data directory (or, scaled out, a
/// database) are accepted by a host on that directory (or database), with the roles asked for and no others.
/// </summary>
public sealed class IssueTokensCommandTests
{
    [Fact]
    public async Task Tokens_issued_for_a_data_directory_sign_in_on_a_host_using_it_with_their_roles()
    {
        await using var database = TestDatabase.Sqlite();
        var directory = database.Settings["Emporium:DataDirectory"]!;
        var buyers = Path.Combine(directory, "buyers.tsv");
        var admins = Path.Combine(directory, "admins.tsv");

        (await IssueTokensCommand.RunAsync(["--count", "3", "--out", buyers, "--Emporium:DataDirectory", directory])).ShouldBe(0);
        (await IssueTokensCommand.RunAsync(["--count", "1", "--prefix", "ops", "--role", "admin", "--out", admins, "--Emporium:DataDirectory", directory])).ShouldBe(0);
        (await IssueTokensCommand.RunAsync(["--count", "0", "--out", buyers])).ShouldBe(2, "a count of 0 is refused with the usage");

        var buyerLines = (await File.ReadAllLinesAsync(buyers)).Select(l => l.Split('\t')).ToList();
        buyerLines.Select(l => l[0]).ShouldBe(["bench-buyer-000001", "bench-buyer-000002", "bench-buyer-000003"]);
        var adminToken = (await File.ReadAllLinesAsync(admins)).Single().Split('\t')[1];

        await using var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings) { ["Emporium:DemoData"] = "false" });
        using var client = app.CreateClient();
        (await GetAsync(client, "/api/admin/flash-sales", adminToken)).ShouldBe(HttpStatusCode.OK);
        (await GetAsync(client, "/api/admin/flash-sales", buyerLines[0][1])).ShouldBe(HttpStatusCode.Forbidden);
        (await GetAsync(client, "/api/flash-sales/claims/none", buyerLines[1][1])).ShouldBe(HttpStatusCode.NotFound, "signed in: the claim is unknown");
        (await GetAsync(client, "/api/flash-sales/claims/none", buyerLines[1][1] + "x")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task On_postgres_tokens_are_issued_with_the_database_key_ring_and_sign_in_on_a_host_with_another_data_directory()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var commandDirectory = database.Settings["Emporium:DataDirectory"]!;
        var hostDirectory = Path.Combine(Path.GetTempPath(), "emporium-test-" + Guid.NewGuid().ToString("N"));
        var buyers = Path.Combine(commandDirectory, "buyers.tsv");
        try
        {
            // On an empty database: the command migrates the accounts schema and makes the first key itself.
            (await IssueTokensCommand.RunAsync(
                ["--count", "1", "--out", buyers, "--ConnectionStrings:Postgres", database.Settings["ConnectionStrings:Postgres"]!, "--Emporium:DataDirectory", commandDirectory]))
                .ShouldBe(0);
            var token = (await File.ReadAllLinesAsync(buyers)).Single().Split('\t')[1];

            await using var app = new EmporiumApp(new Dictionary<string, string?>(database.Settings) { ["Emporium:DataDirectory"] = hostDirectory });
            using var client = app.CreateClient();
            (await GetAsync(client, "/api/flash-sales/claims/none", token)).ShouldBe(HttpStatusCode.NotFound, "signed in: the claim is unknown");
            Directory.Exists(Path.Combine(commandDirectory, "keys")).ShouldBeFalse("the key is in the database");
        }
        finally
        {
            if (Directory.Exists(hostDirectory))
            {
                Directory.Delete(hostDirectory, recursive: true);
            }
        }
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
