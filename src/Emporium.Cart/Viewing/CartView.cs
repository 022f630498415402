using System.Text.Json.Serialization;
using Emporium.BuildingBlocks;

namespace Emporium.Cart.Viewing;

/// <summary>
/// The cart as <c>GET /api/cart</c> (and every change) answers it. <see cref="CartId"/> is set for a
/// guest's cart only: a signed-in user's cart is found by who they are.
/// </summary>
internal sealed record CartView(string? CartId, IReadOnlyList<CartLineView> Lines, CartTotals Totals, IReadOnlyList<string> Warnings);

/// <summary>
/// One line with what the catalog says now: current unit price (the price when added if the SKU is
/// gone), whether it changed, availability (null while stock is not counted) and warnings.
/// </summary>
internal sealed record CartLineView(
    string SkuId,
    string? ProductId,
    string? Title,
    IReadOnlyDictionary<string, string> Attributes,
    string? Image,
    int Quantity,
    Money UnitPrice,
    Money PriceWhenAdded,
    bool PriceChanged,
    Money LineTotal,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? Available,
    IReadOnlyList<string> Warnings);

/// <summary>Computed on the server from current prices, over the lines that can still be bought.</summary>
internal sealed record CartTotals(int Items, Money Subtotal);
