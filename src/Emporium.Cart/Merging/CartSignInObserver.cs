using Emporium.Cart.Identity;
using Emporium.Contracts.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Emporium.Cart.Merging;

/// <summary>
/// Called by the Accounts module when a request signs a user in: the guest cart that request names
/// (cookie or <c>X-Cart-Id</c>) is merged into the user's cart and the cookie is cleared.
/// </summary>
internal sealed class CartSignInObserver(MergeGuestCart merge, ILogger<CartSignInObserver> logger) : ISignInObserver
{
    public async Task UserSignedInAsync(HttpContext context, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var guestCartId = GuestCartId.FromRequest(context.Request);
        if (guestCartId is not null)
        {
            try
            {
                await merge.RunAsync(guestCartId, userId, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Signing in matters more than the cart: the guest cart stays intact (the merge is one
                // transaction) and is merged at the next sign-in.
                logger.LogError(exception, "Merging guest cart into the cart of user {UserId} failed", userId);
                return;
            }
        }

        GuestCartId.Forget(context);
    }
}
