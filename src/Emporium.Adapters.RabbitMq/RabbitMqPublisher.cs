using System.Text;
using Emporium.BuildingBlocks.Messaging;
using RabbitMQ.Client;

namespace Emporium.Adapters.RabbitMq;

/// <summary>
/// The outbox relay's transport in the scale-out deployment: publishes each message to the events
/// exchange and returns only when the broker confirmed it (written to the queues it routes to), so the
/// dispatcher marks a message processed only once the broker owns it. Any failure (no connection, a
/// nack, no confirm in time) throws, and the dispatcher keeps the message pending and retries it.
/// </summary>
internal sealed class RabbitMqPublisher(RabbitMqConnection connection, RabbitMqTopology topology, RabbitMqOptions options) : IOutboxTransport, IAsyncDisposable
{
    // Bounds the wait for a confirm, well inside the dispatcher's 30 s lease.
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(10);

    // One publishing channel per instance; publishes are serialised on it (the dispatcher is sequential anyway).
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private IChannel? _channel;

    public string Description => $"RabbitMQ at {options.Endpoint}, exchange {topology.EventsExchange}";

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConfirmTimeout);
        await _publishing.WaitAsync(cancellationToken);
        try
        {
            var channel = await ChannelAsync(timeout.Token);
            var properties = new BasicProperties
            {
                // The outbox id: the consumers' inbox key, so a second publish of the same message is a no-op.
                MessageId = message.Id,
                Type = message.Type,
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
            };

            // With confirmation tracking on, this awaits the broker's confirm and throws on a nack.
            // Not mandatory: an event no consumer subscribes to is delivered to nobody, as in-process.
            await channel.BasicPublishAsync(topology.EventsExchange, message.Type, mandatory: false, properties, Encoding.UTF8.GetBytes(message.Payload), timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A publish whose confirm never came may or may not be in the queue: retrying may publish it
            // twice, which the consumers' inbox absorbs. Start over on a fresh channel.
            await ResetChannelAsync();
            throw new TimeoutException($"No publisher confirm from RabbitMQ within {ConfirmTimeout.TotalSeconds} s for message {message.Id}.");
        }
        finally
        {
            _publishing.Release();
        }
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        // A channel the broker closed (not one the client is recovering) is replaced.
        if (_channel is { IsClosed: true, CloseReason: not null })
        {
            await ResetChannelAsync();
        }

        return _channel ??= await (await connection.GetAsync(cancellationToken)).CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
    }

    private async Task ResetChannelAsync()
    {
        if (_channel is { } channel)
        {
            _channel = null;
            await channel.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetChannelAsync();
        _publishing.Dispose();
    }
}
