using System.Collections.Immutable;

namespace Emporium.Cart.Model;

/// <summary>A cart's state: a closed hierarchy, changed only by <see cref="Evolve"/>.</summary>
internal abstract record CartState
{
    private CartState()
    {
    }

    /// <summary>No cart: never created, merged into another, or expired.</summary>
    public sealed record Empty : CartState
    {
        public static readonly Empty Instance = new();
    }

    /// <summary>A cart that exists until <see cref="ExpiresAt"/>; it may have no lines (the shopper removed them all).</summary>
    public sealed record Open(ImmutableSortedDictionary<string, CartLine> Lines, DateTimeOffset UpdatedAt, DateTimeOffset ExpiresAt) : CartState
    {
        public static readonly ImmutableSortedDictionary<string, CartLine> NoLines = ImmutableSortedDictionary.Create<string, CartLine>(StringComparer.Ordinal);

        public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;
    }

    /// <summary>
    /// The cart as the shopper sees it at <paramref name="now"/>: an expired cart reads as empty even
    /// before the purge removes its row.
    /// </summary>
    public CartState AsOf(DateTimeOffset now) => this is Open open && open.IsExpiredAt(now) ? Empty.Instance : this;

    /// <summary>The lines, oldest first (the order the shopper added them).</summary>
    public IReadOnlyList<CartLine> LinesInOrder() => this is Open open
        ? open.Lines.Values.OrderBy(l => l.AddedAt).ThenBy(l => l.SkuId, StringComparer.Ordinal).ToList()
        : [];

    public CartState Apply(IEnumerable<CartEvent> events) => events.Aggregate(this, Evolve);

    public static CartState Evolve(CartState state, CartEvent @event) => (state, @event) switch
    {
        // Opening starts afresh: an expired cart's old lines do not come back.
        (_, CartEvent.Opened opened) => new Open(Open.NoLines, opened.At, opened.At),
        (Open open, CartEvent.LineAdded added) => open with
        {
            Lines = open.Lines.SetItem(added.SkuId, new CartLine(added.SkuId, added.Quantity, added.PriceWhenAdded, added.AddedAt, added.At)),
        },
        (Open open, CartEvent.QuantityChanged changed) when open.Lines.TryGetValue(changed.SkuId, out var line) => open with
        {
            Lines = open.Lines.SetItem(changed.SkuId, line with { Quantity = changed.Quantity, UpdatedAt = changed.At }),
        },
        (Open open, CartEvent.LineRemoved removed) when open.Lines.ContainsKey(removed.SkuId) => open with { Lines = open.Lines.Remove(removed.SkuId) },
        (Open open, CartEvent.Renewed renewed) => open with { UpdatedAt = renewed.At, ExpiresAt = renewed.ExpiresAt },
        (Open, CartEvent.Expired or CartEvent.Discarded) => Empty.Instance,
        _ => throw new InvalidCartTransitionException(state, @event),
    };
}

/// <summary>An event that cannot follow the state it was applied to: a bug in a decision, never user input.</summary>
internal sealed class InvalidCartTransitionException(CartState state, CartEvent @event)
    : InvalidOperationException($"{@event.GetType().Name} cannot follow a cart in state {state.GetType().Name}.");
