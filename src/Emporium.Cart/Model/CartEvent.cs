using Emporium.BuildingBlocks;

namespace Emporium.Cart.Model;

/// <summary>What happened to a cart; the store turns each into SQL, <see cref="CartState.Evolve"/> into state.</summary>
internal abstract record CartEvent
{
    private CartEvent()
    {
    }

    public abstract DateTimeOffset At { get; init; }

    public sealed record Opened(DateTimeOffset At) : CartEvent;

    /// <summary><paramref name="AddedAt"/> differs from <paramref name="At"/> when a merge carries a guest's line over.</summary>
    public sealed record LineAdded(string SkuId, int Quantity, Money PriceWhenAdded, DateTimeOffset AddedAt, DateTimeOffset At) : CartEvent;

    public sealed record QuantityChanged(string SkuId, int Quantity, DateTimeOffset At) : CartEvent;

    public sealed record LineRemoved(string SkuId, DateTimeOffset At) : CartEvent;

    /// <summary>Every change keeps the cart alive for another lifetime.</summary>
    public sealed record Renewed(DateTimeOffset At, DateTimeOffset ExpiresAt) : CartEvent;

    public sealed record Expired(DateTimeOffset At) : CartEvent;

    /// <summary>The cart's lines now live in another cart.</summary>
    public sealed record Discarded(DateTimeOffset At) : CartEvent;
}
