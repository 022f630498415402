using System.Net.Http.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>The signed-in user's address book: only their own addresses, validated, on both engines.</summary>
public abstract class AddressTests(AppFixture fixture)
{
    private const string Addresses = "/api/accounts/me/addresses";
    private readonly EmporiumApp _app = fixture.App;

    private static object Home(string name = "Ada Lovelace") =>
        new { name, line1 = "12 St James's Square", city = "London", postalCode = "SW1Y 4JH", country = "GB" };

    [Fact]
    public async Task Add_list_and_delete_an_address()
    {
        using var browser = AccountsApi.Browser(_app);
        await browser.RegisterAsync();

        var saved = await (await browser.PostAsJsonAsync(Addresses, Home())).ShouldHaveStatusAsync(201);
        await (await browser.PostAsJsonAsync(Addresses, new
        {
            name = "Office", line1 = "1 Main St", line2 = "Suite 5", city = "Springfield", region = "IL", postalCode = "62701", country = "US",
        })).ShouldHaveStatusAsync(201);

        var id = saved.GetProperty("id").GetString()!;
        id.ShouldStartWith("adr_");
        saved.GetProperty("country").GetString().ShouldBe("GB");
        var list = await (await browser.GetAsync(Addresses)).ShouldHaveStatusAsync(200);
        list.Strings("name").ShouldBe(["Ada Lovelace", "Office"]);
        list[1].GetProperty("line2").GetString().ShouldBe("Suite 5");

        await (await browser.DeleteAsync($"{Addresses}/{id}")).ShouldHaveStatusAsync(204);

        (await (await browser.GetAsync(Addresses)).ShouldHaveStatusAsync(200)).Strings("name").ShouldBe(["Office"]);
        await (await browser.DeleteAsync($"{Addresses}/{id}")).ShouldBeProblemAsync(404, "address_not_found");
    }

    [Theory]
    [InlineData("name", "")]
    [InlineData("line1", " ")]
    [InlineData("city", null)]
    [InlineData("postalCode", "")]
    [InlineData("postalCode", "123456789012345678901")] // longer than a postal code
    [InlineData("country", "gb")]  // not upper case
    [InlineData("country", "GBR")] // alpha-3
    [InlineData("country", "")]
    [InlineData("line1", "two\nlines")]
    public async Task A_bad_address_is_400_and_nothing_is_saved(string field, string? value)
    {
        using var api = AccountsApi.ApiClient(_app);
        var token = (await api.RegisterAsync()).AccessToken;
        var address = new Dictionary<string, string?>
        {
            ["name"] = "Ada", ["line1"] = "1 Main St", ["city"] = "Springfield", ["postalCode"] = "62701", ["country"] = "US",
            [field] = value,
        };

        using var response = await api.SendAsync(HttpMethod.Post, Addresses, token, address);

        (await response.ShouldBeProblemAsync(400, "validation")).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        (await (await api.SendAsync(HttpMethod.Get, Addresses, token)).ShouldHaveStatusAsync(200)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Another_users_address_is_not_found_and_stays_where_it_is()
    {
        using var api = AccountsApi.ApiClient(_app);
        var owner = await api.RegisterAsync();
        var other = await api.RegisterAsync();
        var saved = await (await api.SendAsync(HttpMethod.Post, Addresses, owner.AccessToken, Home())).ShouldHaveStatusAsync(201);
        var id = saved.GetProperty("id").GetString();

        using var delete = await api.SendAsync(HttpMethod.Delete, $"{Addresses}/{id}", other.AccessToken);

        await delete.ShouldBeProblemAsync(404, "address_not_found");
        (await (await api.SendAsync(HttpMethod.Get, Addresses, other.AccessToken)).ShouldHaveStatusAsync(200)).GetArrayLength().ShouldBe(0);
        (await (await api.SendAsync(HttpMethod.Get, Addresses, owner.AccessToken)).ShouldHaveStatusAsync(200)).Strings("id").ShouldBe([id!]);
    }

    [Fact]
    public async Task A_guest_gets_401_on_every_address_route()
    {
        using var guest = AccountsApi.ApiClient(_app);

        await (await guest.GetAsync(Addresses)).ShouldBeProblemAsync(401, "not_signed_in");
        await (await guest.PostAsJsonAsync(Addresses, Home())).ShouldBeProblemAsync(401, "not_signed_in");
        await (await guest.DeleteAsync($"{Addresses}/adr_0000000000000000")).ShouldBeProblemAsync(401, "not_signed_in");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAddressTests(SqliteAppFixture fixture) : AddressTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAddressTests(PostgresAppFixture fixture) : AddressTests(fixture);
