using Emporium.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.IntegrationTests.Infrastructure;

/// <summary>The real host (every module, real database) configured for one engine.</summary>
/// <remarks><paramref name="services"/> adds test-only services (an extra event consumer, a fake clock).</remarks>
public sealed class EmporiumApp(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(s => s.AddHostedService<ScaleOutBroker.Remember>());
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    public Database Database => Services.GetRequiredService<Database>();
}
