namespace Emporium.BrowserTests.Infrastructure;

/// <summary>
/// One running shop and one headless Debian Chromium for every browser test (starting either takes
/// seconds). Each test opens its own browser context, so cookies (sign-in, guest cart) never leak
/// between tests.
/// </summary>
public sealed class Storefront : IAsyncLifetime
{
    /// <summary>The flags Chromium needs as root on a machine without a GPU or outside network.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--no-first-run", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public StorefrontApp App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App.StartServer();
        BaseUrl = App.BaseUrl;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("EMPORIUM_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh shopper (no cookies) on a desktop-sized or phone-sized screen.</summary>
    public async Task<IPage> NewShopperAsync(Screen screen = Screen.Desktop)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = screen == Screen.Phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = screen == Screen.Phone,
            HasTouch = screen == Screen.Phone,
            JavaScriptEnabled = true,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A shopper whose browser runs no JavaScript: the pages must still browse, fill a cart and check out.</summary>
    public async Task<IPage> NewShopperWithoutJavaScriptAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            JavaScriptEnabled = false,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

public enum Screen
{
    Desktop,
    Phone,
}

[CollectionDefinition(Name)]
public sealed class StorefrontCollection : ICollectionFixture<Storefront>
{
    public const string Name = "storefront";
}
