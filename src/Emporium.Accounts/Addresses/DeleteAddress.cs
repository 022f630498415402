using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Emporium.Accounts.Addresses;

/// <summary><c>DELETE /api/accounts/me/addresses/{addressId}</c>: another user's address is simply not found (404).</summary>
internal static class DeleteAddress
{
    public static async Task<IResult> Handle(string addressId, HttpContext context, AddressStore addresses, CancellationToken cancellationToken) =>
        await addresses.DeleteAsync(context.User.UserId()!, addressId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.From(Error.NotFound("address_not_found", $"You have no address '{addressId}'."));
}
