namespace Emporium.BuildingBlocks.Messaging;

/// <summary>
/// A fact one module tells the others, published through the outbox: written in the same transaction
/// as the change it reports, delivered at least once, handled once per consumer (the inbox).
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Unique per event; consumers deduplicate on it.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();

    public DateTimeOffset OccurredAt { get; init; }
}
