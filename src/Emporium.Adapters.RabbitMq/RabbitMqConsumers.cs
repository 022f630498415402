using System.Text;
using Emporium.BuildingBlocks.Messaging;
using Emporium.BuildingBlocks.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Emporium.Adapters.RabbitMq;

/// <summary>
/// Consumes every consumer's queue on this instance (instances compete for the messages). A message is
/// handled through the consumer's inbox and acknowledged only after that transaction committed; a
/// failure is nacked back to the queue after a back-off, and the quorum queue dead-letters it once it
/// has failed <see cref="RabbitMqOptions.DeliveryLimit"/> deliveries.
/// </summary>
internal sealed class RabbitMqConsumers(
    RabbitMqConnection connection, RabbitMqTopology topology, RabbitMqOptions options, ConsumerInbox inbox, DatabaseInitializer initializer, ILogger<RabbitMqConsumers> logger)
    : BackgroundService
{
    private readonly List<(IChannel Channel, string Tag)> _consumers = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.ConsumersEnabled)
        {
            logger.LogInformation("RabbitMQ consumers disabled on this instance (Emporium:RabbitMq:ConsumersEnabled=false)");
            return;
        }

        try
        {
            // The inbox tables must exist before the first message is handled.
            while (!initializer.IsReady)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), stoppingToken);
            }

            var open = await ConnectAsync(stoppingToken);
            foreach (var (consumer, byType) in topology.Consumers)
            {
                // One channel per consumer queue: a consumer backing off after a failure holds up only itself.
                var channel = await open.CreateChannelAsync(cancellationToken: stoppingToken);
                await channel.BasicQosAsync(prefetchSize: 0, options.Prefetch, global: false, stoppingToken);
                var receiver = new AsyncEventingBasicConsumer(channel);
                receiver.ReceivedAsync += (_, delivery) => HandleAsync(channel, consumer, byType, delivery, stoppingToken);
                lock (_consumers)
                {
                    _consumers.Add((channel, string.Empty));
                }

                var tag = await channel.BasicConsumeAsync(topology.QueueOf(consumer), autoAck: false, receiver, stoppingToken);
                lock (_consumers)
                {
                    _consumers[^1] = (channel, tag);
                }
            }

            logger.LogInformation("Consuming {Count} RabbitMQ queues ({Namespace}.*), prefetch {Prefetch}", _consumers.Count, options.Namespace, options.Prefetch);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                return await connection.GetAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Until the first connect succeeds the client does not recover by itself: keep trying.
                logger.LogWarning(exception, "RabbitMQ at {Endpoint} unreachable; retrying", options.Endpoint);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    private async Task HandleAsync(IChannel channel, string consumer, IReadOnlyDictionary<string, EventSubscription> byType, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var messageId = delivery.BasicProperties.MessageId;
        var type = delivery.BasicProperties.Type;
        try
        {
            if (messageId is null || type is null || !byType.TryGetValue(type, out var subscription))
            {
                // E.g. a binding added by a newer version of the app during a rolling deploy: hand it back
                // (another instance may know it); after the delivery limit it waits in the dead-letter queue.
                throw new InvalidOperationException($"Consumer {consumer} has no handler for message {messageId} of type {type}.");
            }

            await inbox.HandleOnceAsync(subscription, messageId, Encoding.UTF8.GetString(delivery.Body.Span), stoppingToken);

            // Only now, after the inbox transaction committed. A crash before this line means a
            // redelivery, which the inbox turns into a no-op.
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: left unacknowledged, the message returns to the queue when the channel closes.
        }
        catch (Exception exception)
        {
            var deliveries = DeliveryCount(delivery.BasicProperties) + 1;
            logger.LogWarning(exception, "Consumer {Consumer} failed message {Id} ({Type}) on delivery {Delivery} of {Limit}", consumer, messageId, type, deliveries, options.DeliveryLimit);
            try
            {
                await Task.Delay(options.RetryDelay * Math.Pow(2, Math.Min(deliveries - 1, 6)), stoppingToken);
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
            }
            catch (Exception nackFailure) when (nackFailure is OperationCanceledException || !channel.IsOpen)
            {
                // Stopping, or the channel is gone: an unacknowledged message returns to the queue by itself.
            }
        }
    }

    // Quorum queues count earlier failed deliveries in this header (absent on the first delivery).
    private static long DeliveryCount(IReadOnlyBasicProperties properties) =>
        properties.Headers is { } headers && headers.TryGetValue("x-delivery-count", out var count) && count is not null ? Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) : 0;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop new deliveries first, then let in-flight handlers see the stopping token, then close:
        // whatever is still unacknowledged goes back to the queue for another instance.
        (IChannel Channel, string Tag)[] consumers;
        lock (_consumers)
        {
            consumers = [.. _consumers];
        }

        foreach (var (channel, tag) in consumers.Where(c => c.Tag.Length > 0))
        {
            try
            {
                await channel.BasicCancelAsync(tag, noWait: false, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogDebug(exception, "Cancelling consumer {Tag} failed (broker gone?)", tag);
            }
        }

        // Waits for ExecuteAsync, so no channel is added after this point.
        await base.StopAsync(cancellationToken);
        lock (_consumers)
        {
            consumers = [.. _consumers];
            _consumers.Clear();
        }

        foreach (var (channel, _) in consumers)
        {
            await channel.DisposeAsync();
        }
    }
}
