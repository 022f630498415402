using System.Text.Json;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>Registration, sign-in, sign-out and who-am-I, through the cookie and the bearer token, on both engines.</summary>
public abstract class SignInTests(AppFixture fixture)
{
    private readonly EmporiumApp _app = fixture.App;

    [Fact]
    public async Task Registering_signs_in_with_an_http_only_cookie_and_a_bearer_token_that_both_authenticate()
    {
        using var browser = AccountsApi.Browser(_app);
        var email = AccountsApi.UniqueEmail();

        using var response = await browser.PostRegisterAsync(email, name: "Ada Lovelace");
        var body = await response.ShouldHaveStatusAsync(201);

        var userId = body.GetProperty("userId").GetString()!;
        userId.ShouldStartWith("usr_");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("emporium_auth=", StringComparison.Ordinal));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldContain("expires=", Case.Insensitive); // persistent: survives closing the browser

        var viaCookie = await (await browser.GetAsync("/api/accounts/me")).ShouldHaveStatusAsync(200);
        using var api = AccountsApi.ApiClient(_app);
        var viaToken = await (await api.SendAsync(HttpMethod.Get, "/api/accounts/me", body.GetProperty("accessToken").GetString())).ShouldHaveStatusAsync(200);

        foreach (var me in new[] { viaCookie, viaToken })
        {
            me.GetProperty("userId").GetString().ShouldBe(userId);
            me.GetProperty("email").GetString().ShouldBe(email);
            me.GetProperty("name").GetString().ShouldBe("Ada Lovelace");
            me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["customer"]);
        }
    }

    [Fact]
    public async Task Login_accepts_the_email_in_any_case_and_returns_a_token_and_a_cookie()
    {
        using var api = AccountsApi.ApiClient(_app);
        var user = await api.RegisterAsync();
        using var browser = AccountsApi.Browser(_app);

        using var response = await browser.LoginAsync(user.Email.ToUpperInvariant());
        var body = await response.ShouldHaveStatusAsync(200);

        body.GetProperty("userId").GetString().ShouldBe(user.UserId);
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("emporium_auth=", StringComparison.Ordinal));
        (await (await browser.GetAsync("/api/accounts/me")).ShouldHaveStatusAsync(200)).GetProperty("userId").GetString().ShouldBe(user.UserId);
        var me = await (await api.SendAsync(HttpMethod.Get, "/api/accounts/me", body.GetProperty("accessToken").GetString())).ShouldHaveStatusAsync(200);
        me.GetProperty("userId").GetString().ShouldBe(user.UserId);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_email_get_identical_401_problems()
    {
        using var api = AccountsApi.ApiClient(_app);
        var user = await api.RegisterAsync();

        using var wrongPassword = await api.LoginAsync(user.Email, "Not-the-password-1");
        using var unknownEmail = await api.LoginAsync(AccountsApi.UniqueEmail(), "Not-the-password-1");

        var first = await wrongPassword.ShouldBeProblemAsync(401, "invalid_credentials");
        var second = await unknownEmail.ShouldBeProblemAsync(401, "invalid_credentials");
        WithoutTraceId(first).ShouldBe(WithoutTraceId(second));
        wrongPassword.Headers.Select(h => h.Key).Order().ShouldBe(unknownEmail.Headers.Select(h => h.Key).Order());
        wrongPassword.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task A_taken_email_is_409_whatever_its_case()
    {
        using var api = AccountsApi.ApiClient(_app);
        var user = await api.RegisterAsync();

        using var again = await api.PostRegisterAsync(user.Email.ToUpperInvariant());

        await again.ShouldBeProblemAsync(409, "email_taken");
    }

    [Theory]
    [InlineData("Short-1")]            // too short
    [InlineData("onlylowercaseletters")] // one class of character
    [InlineData("12345678901234")]     // one class of character
    public async Task A_weak_password_is_400_and_creates_no_user(string password)
    {
        using var api = AccountsApi.ApiClient(_app);
        var email = AccountsApi.UniqueEmail();

        using var weak = await api.PostRegisterAsync(email, password);

        var problem = await weak.ShouldBeProblemAsync(400, "validation");
        problem.GetProperty("errors").TryGetProperty("password", out _).ShouldBeTrue();
        (await api.RegisterAsync(email)).Email.ShouldBe(email); // the email is still free
    }

    [Theory]
    [InlineData("not-an-email", "Name")]
    [InlineData("two@@example.test", "Name")]
    [InlineData("", "Name")]
    [InlineData("{unique}", "")]
    public async Task A_bad_email_or_a_missing_name_is_400(string email, string name)
    {
        using var api = AccountsApi.ApiClient(_app);

        using var response = await api.PostRegisterAsync(email.Replace("{unique}", AccountsApi.UniqueEmail(), StringComparison.Ordinal), name: name);

        var errors = (await response.ShouldBeProblemAsync(400, "validation")).GetProperty("errors");
        errors.TryGetProperty(name.Length == 0 ? "name" : "email", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Without_a_valid_sign_in_me_is_a_401_problem_never_a_redirect()
    {
        using var api = AccountsApi.ApiClient(_app);
        using var forgedCookie = new HttpRequestMessage(HttpMethod.Get, "/api/accounts/me");
        forgedCookie.Headers.Add("Cookie", "emporium_auth=forged");

        using var guest = await api.GetAsync("/api/accounts/me");
        using var badToken = await api.SendAsync(HttpMethod.Get, "/api/accounts/me", "not-a-token");
        using var badCookie = await api.SendAsync(forgedCookie);

        foreach (var response in new[] { guest, badToken, badCookie })
        {
            await response.ShouldBeProblemAsync(401, "not_signed_in");
            response.Headers.Location.ShouldBeNull();
        }
    }

    [Fact]
    public async Task Logout_removes_the_cookie()
    {
        using var browser = AccountsApi.Browser(_app);
        await browser.RegisterAsync();
        (await browser.GetAsync("/api/accounts/me")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);

        using var logout = await browser.PostAsync("/api/accounts/logout", null);

        await logout.ShouldHaveStatusAsync(204);
        await (await browser.GetAsync("/api/accounts/me")).ShouldBeProblemAsync(401, "not_signed_in");
    }

    [Fact]
    public async Task Demo_accounts_do_not_exist_without_demo_data()
    {
        using var api = AccountsApi.ApiClient(_app);

        using var response = await api.LoginAsync("customer@example.com", "Emporium-demo-1");

        await response.ShouldBeProblemAsync(401, "invalid_credentials");
    }

    private static string WithoutTraceId(JsonElement problem) =>
        JsonSerializer.Serialize(problem.EnumerateObject().Where(p => p.Name != "traceId").ToDictionary(p => p.Name, p => p.Value));
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSignInTests(SqliteAppFixture fixture) : SignInTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSignInTests(PostgresAppFixture fixture) : SignInTests(fixture);
