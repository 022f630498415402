using System.Data.Common;

namespace Emporium.BuildingBlocks.Messaging;

/// <summary>
/// Records an integration event inside the caller's transaction, so the event exists exactly when the
/// change it describes was committed. A relay delivers it afterwards.
/// </summary>
public interface IOutbox
{
    Task EnqueueAsync<TEvent>(DbConnection connection, DbTransaction transaction, TEvent message, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent;
}

/// <summary>Handles one kind of integration event for one consuming module; may be called again for the same event after a crash, and the inbox makes that a no-op.</summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    /// <summary>Runs inside the inbox transaction: write through <paramref name="connection"/> and <paramref name="transaction"/>.</summary>
    Task HandleAsync(TEvent message, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
