using Emporium.BuildingBlocks;

namespace Emporium.Cart.Model;

/// <summary>What a shopper or the system asks of one cart.</summary>
internal abstract record CartCommand
{
    private CartCommand()
    {
    }

    /// <summary>Set a line's quantity (0 removes it); <paramref name="CurrentPrice"/> is remembered when the line is new.</summary>
    public sealed record SetQuantity(string SkuId, int Quantity, Money CurrentPrice) : CartCommand;

    /// <summary>
    /// Add <paramref name="Quantity"/> units to the line (a new line remembers <paramref name="CurrentPrice"/>);
    /// the sum is capped at the line maximum, so adding to a full line changes nothing.
    /// </summary>
    public sealed record AddQuantity(string SkuId, int Quantity, Money CurrentPrice) : CartCommand;

    public sealed record RemoveLine(string SkuId) : CartCommand;

    /// <summary>
    /// Fold <paramref name="Other"/> (a guest's cart) into this one. <paramref name="KnownStock"/> holds
    /// the available quantity of the SKUs whose stock is known; it caps merged quantities.
    /// </summary>
    public sealed record Merge(CartState Other, MergePolicy Policy, IReadOnlyDictionary<string, int> KnownStock) : CartCommand;

    /// <summary>End the cart if its lifetime has passed (the purge does the same for many carts at once in SQL).</summary>
    public sealed record Expire : CartCommand;

    /// <summary>End a cart whose lines were merged into another.</summary>
    public sealed record Discard : CartCommand;

    /// <summary>
    /// Take what an order bought out of the cart: <paramref name="Bought"/> holds the units per SKU. A line
    /// left with nothing goes; one the shopper raised meanwhile keeps the difference.
    /// </summary>
    public sealed record RemovePurchased(IReadOnlyDictionary<string, int> Bought) : CartCommand;
}

/// <summary>How a merge combines a SKU that is in both carts.</summary>
internal enum MergePolicy
{
    /// <summary>The larger of the two quantities: signing in never doubles what the shopper meant to buy.</summary>
    Max,

    /// <summary>Both quantities added up.</summary>
    Sum,
}

/// <summary>The limits a decision works within: the per-line maximum and how long a change keeps the cart alive.</summary>
internal sealed record CartRules(int MaxQuantityPerLine, TimeSpan Lifetime);
