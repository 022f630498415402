using Emporium.Accounts.Authentication;
using Emporium.Accounts.Users;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Emporium.Accounts.Addresses;

/// <summary><c>POST /api/accounts/me/addresses</c>: saves an address for the signed-in user.</summary>
internal static class AddAddress
{
    /// <summary>An address book, not a data store: bounds what one account can make the database hold.</summary>
    public const int MaxAddressesPerUser = 20;

    public static async Task<IResult> Handle(
        AddressInput input, HttpContext context, AddressStore addresses, TimeProvider clock, CancellationToken cancellationToken)
    {
        var valid = AddressRules.Validate(input);
        if (!valid.IsSuccess)
        {
            return Problems.From(valid.Error!);
        }

        var userId = context.User.UserId()!;
        if (await addresses.CountAsync(userId, cancellationToken) >= MaxAddressesPerUser)
        {
            return Problems.From(new Error(ErrorKind.Unprocessable, "too_many_addresses", $"An account keeps at most {MaxAddressesPerUser} addresses; delete one first."));
        }

        var a = valid.Value;
        var saved = new SavedAddress(OpaqueIds.NewAddressId(), a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country, clock.GetUtcNow());
        if (!await addresses.AddAsync(userId, saved, cancellationToken))
        {
            return AccountProblems.SignInRequired();
        }

        return TypedResults.Created((string?)null, saved);
    }
}
