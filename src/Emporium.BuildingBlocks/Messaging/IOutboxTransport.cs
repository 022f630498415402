namespace Emporium.BuildingBlocks.Messaging;

/// <summary>One outbox message as the relay hands it to a transport: the stored id, event type name and JSON payload.</summary>
public sealed record OutboxMessage(string Id, string Type, string Payload);

/// <summary>
/// The dispatcher's delivery step. Returning means the message has been delivered as far as this
/// transport's promise goes (handled by every in-process consumer, or confirmed by the broker), and the
/// dispatcher then marks it processed; throwing keeps it pending, retried with back-off.
/// </summary>
public interface IOutboxTransport
{
    /// <summary>For the start-up log: which transport carries integration events, without secrets.</summary>
    string Description { get; }

    Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Today's embedded behaviour: every subscribed consumer handles the message in this process, through its inbox.</summary>
internal sealed class InProcessTransport(IEnumerable<EventSubscription> subscriptions, ConsumerInbox inbox) : IOutboxTransport
{
    private readonly ILookup<string, EventSubscription> _byType = subscriptions.ToLookup(s => s.EventType, StringComparer.Ordinal);

    public string Description => "in-process dispatch from the outbox";

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // One consumer after the other, each in its own transaction: a failure part-way leaves the
        // earlier consumers' inbox rows in place, so the retry is a no-op for them.
        foreach (var subscription in _byType[message.Type])
        {
            await inbox.HandleOnceAsync(subscription, message.Id, message.Payload, cancellationToken);
        }
    }
}
