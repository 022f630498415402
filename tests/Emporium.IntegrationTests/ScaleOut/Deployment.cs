using System.Net.Http.Headers;
using Emporium.IntegrationTests.Infrastructure;

namespace Emporium.IntegrationTests.ScaleOut;

/// <summary>
/// N host processes on one test database's engines (PostgreSQL, Redis, RabbitMQ), as a load balancer would
/// see them: interchangeable, each with a data directory of its own (nothing is shared through the disk),
/// and any of them may die.
/// </summary>
internal sealed class Deployment : IAsyncDisposable
{
    private readonly HttpClient[] _shared;

    private Deployment(List<HostProcess> instances)
    {
        Instances = instances;
        _shared = [.. instances.Select(instance => instance.CreateClient())];
    }

    public List<HostProcess> Instances { get; }

    public static async Task<Deployment> StartAsync(TestDatabase database, int count)
    {
        var started = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
        {
            var settings = database.Settings.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
            settings["Emporium:DataDirectory"] = Path.Combine(settings["Emporium:DataDirectory"], $"instance-{i}");
            settings["Emporium:DemoData"] = "false";
            settings["Emporium:RateLimits:Enabled"] = "false";
            return HostProcess.StartAsync(settings);
        }));
        return new Deployment([.. started]);
    }

    /// <summary>A client of instance <paramref name="index"/> (modulo the count) carrying <paramref name="authorization"/>.</summary>
    public HttpClient Client(int index, AuthenticationHeaderValue? authorization)
    {
        var client = Instances[index % Instances.Count].CreateClient();
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    /// <summary>One client per instance for many users' requests (each request carries its own credentials).</summary>
    public HttpClient Shared(int index) => _shared[index % _shared.Length];

    /// <summary>Everything the instances printed, for a failure message.</summary>
    public string Output => string.Join("\n---\n", Instances.Select((host, i) => $"instance {i}:\n{host.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _shared)
        {
            client.Dispose();
        }

        foreach (var instance in Instances)
        {
            await instance.DisposeAsync();
        }
    }
}
