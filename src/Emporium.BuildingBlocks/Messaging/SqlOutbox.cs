using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace Emporium.BuildingBlocks.Messaging;

/// <summary>The outbox in the module's own database transaction (<c>outbox_messages</c>).</summary>
internal sealed class SqlOutbox(OutboxSignal signal) : IOutbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnqueueAsync<TEvent>(DbConnection connection, DbTransaction transaction, TEvent message, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(message);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO outbox_messages (id, type, payload, occurred_at) VALUES (@id, @type, @payload, @occurredAt)",
            new
            {
                id = message.Id.ToString("N"),
                type = EventTypeName.Of(typeof(TEvent)),
                payload = JsonSerializer.Serialize(message, Json),
                occurredAt = message.OccurredAt.ToUnixTimeMilliseconds(),
            },
            transaction,
            cancellationToken: cancellationToken));

        // A nudge, not a promise: the relay also polls, and the transaction may still roll back.
        signal.Wake();
    }
}

/// <summary>The stable name an event type is stored under (its full name: renaming an event is a contract change).</summary>
internal static class EventTypeName
{
    public static string Of(Type type) => type.FullName ?? type.Name;
}
