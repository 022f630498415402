namespace Emporium.BuildingBlocks.Http;

/// <summary>The headers of every idempotent write route (checkout, stock adjustments, refunds), named once.</summary>
public static class IdempotencyHeaders
{
    /// <summary>The client's key for one intended effect: the same on every retry of it.</summary>
    public const string Key = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on an answer given before for the same key and request.</summary>
    public const string Replayed = "Idempotent-Replayed";
}
