namespace Emporium.BrowserTests.Infrastructure;

/// <summary>
/// Full-page screenshots kept as artifacts (<c>artifacts/screenshots/NAME-desktop.png</c>), so a person
/// can look at the pages a run produced. <c>EMPORIUM_ARTIFACTS</c> moves the folder.
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = Locate();

    public static async Task SaveAsync(IPage page, string name, Screen screen = Screen.Desktop)
    {
        var path = Path.Combine(Directory, $"{name}-{screen.ToString().ToLowerInvariant()}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    private static string Locate()
    {
        var root = Environment.GetEnvironmentVariable("EMPORIUM_ARTIFACTS");
        if (string.IsNullOrEmpty(root))
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Emporium.slnx")))
            {
                dir = dir.Parent;
            }

            root = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts");
        }

        var screenshots = Path.Combine(root, "screenshots");
        System.IO.Directory.CreateDirectory(screenshots);
        return screenshots;
    }
}
