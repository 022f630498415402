namespace Emporium.Cart.Identity;

internal enum CartOwnerKind
{
    Guest,
    User,
}

/// <summary>
/// Whose cart: a guest's, known only by the cart id the server issued, or a signed-in user's. One cart
/// per owner; for a guest the owner id is the cart id itself.
/// </summary>
internal sealed record CartOwner(CartOwnerKind Kind, string Id)
{
    public static CartOwner Guest(string cartId) => new(CartOwnerKind.Guest, cartId);

    public static CartOwner User(string userId) => new(CartOwnerKind.User, userId);

    /// <summary>The value stored in <c>cart_carts.owner_kind</c>.</summary>
    public string KindName => Kind == CartOwnerKind.Guest ? "guest" : "user";
}
