namespace Emporium.BrowserTests.Infrastructure;

/// <summary>The accounts the demo data seeds (README), and a quick way to be one of them in a browser.</summary>
public static class DemoAccounts
{
    public const string Password = "Emporium-demo-1";
    public const string Customer = "customer@example.com";
    public const string Seller = "seller@example.com";
    public const string Admin = "admin@example.com";

    /// <summary>
    /// Signs the page's browser context in through the API (the response's auth cookie lands in the
    /// context's cookie jar), for tests whose subject is not the sign-in page itself.
    /// </summary>
    public static async Task SignInThroughApiAsync(IPage page, string email, string password = Password)
    {
        var response = await page.APIRequest.PostAsync("/api/accounts/login", new APIRequestContextOptions
        {
            DataObject = new { email, password },
        });
        response.Ok.ShouldBeTrue($"login as {email}: {response.Status}");
    }
}
