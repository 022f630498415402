namespace Emporium.Host.Hosting;

/// <summary>
/// Where the host finds appsettings.json. ASP.NET Core's default is the working directory, which is
/// right for <c>dotnet run</c> (the project folder) but loses the settings when the built host is
/// started from anywhere else (<c>dotnet path/to/Emporium.Host.dll</c>). Then the folder holding the
/// host itself is used. An explicit content root (argument or environment) always wins.
/// </summary>
internal static class ContentRoot
{
    public static string? For(string[] args)
    {
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is not null;
        if (explicitRoot || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json")))
        {
            return null;
        }

        return AppContext.BaseDirectory;
    }
}
