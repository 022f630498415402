using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Emporium.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Emporium.IntegrationTests.Accounts;

/// <summary>A user a test registered.</summary>
internal sealed record Registered(string UserId, string AccessToken, string Email);

/// <summary>
/// Calls of the accounts API for tests. Each test makes its own clients (never the fixture's shared
/// client, whose cookies other tests would inherit) and its own unique emails.
/// </summary>
internal static class AccountsApi
{
    public const string Password = "Correct-horse-7";

    public static string UniqueEmail() => $"{Guid.NewGuid():N}@example.test";

    /// <summary>A client that keeps cookies, like a browser, and shows redirects instead of following them.</summary>
    public static HttpClient Browser(EmporiumApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>A client without a cookie jar, like an API client.</summary>
    public static HttpClient ApiClient(EmporiumApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    public static Task<HttpResponseMessage> PostRegisterAsync(this HttpClient client, string email, string password = Password, string name = "Test User") =>
        client.PostAsJsonAsync("/api/accounts/register", new { email, password, name });

    public static async Task<Registered> RegisterAsync(this HttpClient client, string? email = null, string name = "Test User")
    {
        email ??= UniqueEmail();
        using var response = await client.PostRegisterAsync(email, Password, name);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(201, body);
        var json = JsonDocument.Parse(body).RootElement;
        return new Registered(json.GetProperty("userId").GetString()!, json.GetProperty("accessToken").GetString()!, email);
    }

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string email, string password = Password) =>
        client.PostAsJsonAsync("/api/accounts/login", new { email, password });

    /// <summary>Signs in and returns a fresh bearer token (carrying the roles the user holds now).</summary>
    public static async Task<string> TokenAsync(this HttpClient client, string email)
    {
        using var response = await client.LoginAsync(email);
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Sends a request authenticated only by a bearer token.</summary>
    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The response's JSON after checking its status (the body is in the failure message).</summary>
    public static async Task<JsonElement> ShouldHaveStatusAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Checks a ProblemDetails response: status, media type and stable code.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, int status, string code)
    {
        var problem = await response.ShouldHaveStatusAsync(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        problem.GetProperty("code").GetString().ShouldBe(code);
        problem.GetProperty("status").GetInt32().ShouldBe(status);
        return problem;
    }
}
