using System.Text.Json;
using Dapper;
using Emporium.BuildingBlocks.Persistence;

namespace Emporium.BuildingBlocks.Messaging;

/// <summary>
/// Handles one message for one consumer inside that consumer's inbox transaction: the inbox row
/// <c>(consumer, message id)</c> and whatever the handler writes commit together, so a message that
/// arrives again (a relay retry, a broker redelivery, a duplicate publish) is a no-op for a consumer
/// that already has it. Shared by the in-process transport and the RabbitMQ consumers.
/// </summary>
public sealed class ConsumerInbox(Database database, IServiceProvider services, TimeProvider clock)
{
    /// <summary>
    /// Returns after the transaction committed: <c>true</c> when this call ran the handler, <c>false</c>
    /// when the consumer had the message already. Throws (and commits nothing) when the handler throws.
    /// </summary>
    public async Task<bool> HandleOnceAsync(EventSubscription subscription, string messageId, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var message = (IntegrationEvent)JsonSerializer.Deserialize(payload, subscription.ClrType, SqlOutbox.Json)!;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var first = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbox_messages (consumer, message_id, processed_at) VALUES (@Consumer, @messageId, @now) ON CONFLICT DO NOTHING",
            new { subscription.Consumer, messageId, now = clock.GetUtcNow().ToUnixTimeMilliseconds() },
            transaction,
            cancellationToken: cancellationToken));
        if (first == 1)
        {
            await subscription.Invoke(services, message, connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return first == 1;
    }
}
