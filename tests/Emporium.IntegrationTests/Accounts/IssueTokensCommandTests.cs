using System.Net;
using System.Net.Http.Headers;
using Emporium.Host.Hosting;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>
/// <c>Emporium.Host issue-tokens</c> (load tests): tokens written for a data directory are accepted by a
/// host on that directory, with the roles asked for and no others.
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

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
