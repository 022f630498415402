using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Emporium.BuildingBlocks.Messaging;

/// <summary>One consumer's interest in one event type: what the relay looks up for each outbox message.</summary>
public sealed record EventSubscription(
    string EventType,
    Type ClrType,
    string Consumer,
    Func<IServiceProvider, IntegrationEvent, DbConnection, DbTransaction, CancellationToken, Task> Invoke);

public static class MessagingRegistration
{
    /// <summary>The outbox, its relay (in-process delivery) and the inbox tables.</summary>
    public static IServiceCollection AddEmporiumMessaging(this IServiceCollection services)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutbox, SqlOutbox>();
        services.AddSingleton<ConsumerInbox>();
        // The default transport; the RabbitMQ adapter replaces it when a broker is configured.
        services.AddSingleton<IOutboxTransport, InProcessTransport>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxRelay>();
        services.AddSingleton(new Persistence.Schema.ModuleSchema("messaging", typeof(MessagingRegistration).Assembly));
        return services;
    }

    /// <summary>Subscribes <typeparamref name="THandler"/> (the consumer, named by its type) to <typeparamref name="TEvent"/>.</summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        services.AddSingleton<THandler>();
        services.AddSingleton(new EventSubscription(
            EventTypeName.Of(typeof(TEvent)),
            typeof(TEvent),
            typeof(THandler).FullName!,
            (provider, message, connection, transaction, cancellationToken) =>
                provider.GetRequiredService<THandler>().HandleAsync((TEvent)message, connection, transaction, cancellationToken)));
        return services;
    }
}
