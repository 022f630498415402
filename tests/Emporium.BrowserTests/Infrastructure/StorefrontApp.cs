using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.BrowserTests.Infrastructure;

/// <summary>
/// The real host on Kestrel (a browser needs a socket), on the embedded default: its own SQLite data
/// directory with the demo catalog and accounts, as `dotnet run` starts it.
/// </summary>
public sealed class StorefrontApp : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("emporium-browser.").FullName;

    public StorefrontApp() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Where the pages are served, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Emporium:DataDirectory", _directory);
        builder.UseSetting("ConnectionStrings:Postgres", "");
        builder.UseSetting("ConnectionStrings:Redis", "");
        builder.UseSetting("ConnectionStrings:RabbitMq", "");
        builder.UseSetting("Emporium:DemoData", "true");
        // Every browser in the suite signs in from 127.0.0.1: one address, dozens of sign-ins a minute.
        // The per-account failure limit stays as shipped.
        builder.UseSetting("Emporium:RateLimits:Login:PerAddressPerMinute", "10000");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; the temp directory is cleaned by the OS.
            }
        }
    }
}
