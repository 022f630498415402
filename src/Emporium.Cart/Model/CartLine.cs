using Emporium.BuildingBlocks;

namespace Emporium.Cart.Model;

/// <summary>
/// One SKU in a cart: how many, and the unit price the shopper saw when they added it (kept so that a
/// later price change can be pointed out instead of silently charged).
/// </summary>
internal sealed record CartLine(string SkuId, int Quantity, Money PriceWhenAdded, DateTimeOffset AddedAt, DateTimeOffset UpdatedAt);
