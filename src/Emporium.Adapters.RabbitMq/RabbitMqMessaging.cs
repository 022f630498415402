using Emporium.BuildingBlocks.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emporium.Adapters.RabbitMq;

public static class RabbitMqMessaging
{
    /// <summary>The tag <c>/health/ready</c> selects checks by.</summary>
    private const string ReadyTag = "ready";

    /// <summary>
    /// With <c>ConnectionStrings:RabbitMq</c> (an amqp:// URI) set: the outbox relay publishes to RabbitMQ
    /// and every instance consumes every consumer's queue. Without it: nothing changes (in-process
    /// dispatch). Call after <c>AddEmporiumMessaging()</c>, whose transport this replaces.
    /// </summary>
    public static IServiceCollection AddRabbitMqMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("RabbitMq");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        services.AddSingleton(RabbitMqOptions.From(connectionString, configuration));
        services.AddSingleton<RabbitMqTopology>();
        services.AddSingleton<RabbitMqConnection>();
        services.AddSingleton<RabbitMqPublisher>();
        services.Replace(ServiceDescriptor.Singleton<IOutboxTransport>(provider => provider.GetRequiredService<RabbitMqPublisher>()));
        services.AddHostedService<RabbitMqConsumers>();
        services.AddHealthChecks().AddCheck<RabbitMqReadyCheck>("rabbitmq", tags: [ReadyTag]);
        return services;
    }
}
