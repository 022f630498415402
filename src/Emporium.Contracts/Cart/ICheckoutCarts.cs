namespace Emporium.Contracts.Cart;

/// <summary>What checkout needs of a signed-in user's cart: its lines, and removing what was bought.</summary>
public interface ICheckoutCarts
{
    /// <summary>The user's open cart lines (SKU and quantity); empty when there is no open cart.</summary>
    Task<IReadOnlyList<CheckoutCartLine>> GetLinesAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the bought quantities out of the user's cart (a line bought in full disappears; a line the
    /// user raised meanwhile keeps the difference). Idempotent per <paramref name="purchaseId"/>.
    /// </summary>
    Task RemovePurchasedAsync(string userId, string purchaseId, IReadOnlyList<CheckoutCartLine> bought, CancellationToken cancellationToken);
}

public sealed record CheckoutCartLine(string SkuId, int Quantity);
