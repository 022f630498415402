using Microsoft.AspNetCore.Http;

namespace Emporium.Contracts.Accounts;

/// <summary>
/// Told by the Accounts module when a request signs a user in (login or registration), before the
/// response is written: the cart module folds the guest cart of that request into the user's cart.
/// </summary>
public interface ISignInObserver
{
    Task UserSignedInAsync(HttpContext context, string userId, CancellationToken cancellationToken);
}
