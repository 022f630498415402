using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Emporium.Accounts.Addresses;

/// <summary><c>GET /api/accounts/me/addresses</c>: the signed-in user's addresses, oldest first.</summary>
internal static class ListAddresses
{
    public static async Task<IResult> Handle(HttpContext context, AddressStore addresses, CancellationToken cancellationToken) =>
        TypedResults.Ok(await addresses.ListAsync(context.User.UserId()!, cancellationToken));
}
