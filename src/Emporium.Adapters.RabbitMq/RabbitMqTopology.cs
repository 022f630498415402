using Emporium.BuildingBlocks.Messaging;
using RabbitMQ.Client;

namespace Emporium.Adapters.RabbitMq;

/// <summary>
/// The broker objects, declared idempotently by every instance before it publishes or consumes:
/// a durable topic exchange <c>{ns}.events</c> (routing key = the stored event type name), and per
/// consumer a durable quorum queue <c>{ns}.{consumer}</c> bound to each event type it subscribes to.
/// A message that fails <see cref="RabbitMqOptions.DeliveryLimit"/> deliveries is dead-lettered through
/// the direct exchange <c>{ns}.dead</c> to <c>{ns}.{consumer}.dead</c>.
/// </summary>
internal sealed class RabbitMqTopology(RabbitMqOptions options, IEnumerable<EventSubscription> subscriptions)
{
    public string Namespace => options.Namespace;

    public string EventsExchange { get; } = $"{options.Namespace}.events";

    public string DeadExchange { get; } = $"{options.Namespace}.dead";

    /// <summary>Each consumer's subscriptions by event type: a consumer may handle several events from its one queue.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, EventSubscription>> Consumers { get; } = subscriptions
        .GroupBy(s => s.Consumer, StringComparer.Ordinal)
        .ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, EventSubscription>)g.ToDictionary(s => s.EventType, StringComparer.Ordinal),
            StringComparer.Ordinal);

    public string QueueOf(string consumer) => $"{options.Namespace}.{consumer}";

    public string DeadQueueOf(string consumer) => $"{QueueOf(consumer)}.dead";

    public async Task DeclareAsync(IChannel channel, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(EventsExchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(DeadExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var (consumer, byType) in Consumers)
        {
            var queue = QueueOf(consumer);
            var dead = DeadQueueOf(consumer);
            await channel.QueueDeclareAsync(dead, durable: true, exclusive: false, autoDelete: false, Quorum(), cancellationToken: cancellationToken);
            await channel.QueueBindAsync(dead, DeadExchange, routingKey: queue, cancellationToken: cancellationToken);

            // The dead-letter routing key is the queue's own name, so the shared dead exchange can tell
            // whose poison message it is (the event type alone would reach every consumer's dead queue).
            var arguments = Quorum();
            arguments["x-delivery-limit"] = options.DeliveryLimit;
            arguments["x-dead-letter-exchange"] = DeadExchange;
            arguments["x-dead-letter-routing-key"] = queue;
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
            foreach (var eventType in byType.Keys)
            {
                await channel.QueueBindAsync(queue, EventsExchange, routingKey: eventType, cancellationToken: cancellationToken);
            }
        }
    }

    // Quorum queues are replicated (Raft) on a cluster and count deliveries, which is what makes the delivery limit possible.
    private static Dictionary<string, object?> Quorum() => new() { ["x-queue-type"] = "quorum" };
}
