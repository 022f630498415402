using Emporium.Accounts.Addresses;
using Emporium.Checkout.Placing;

namespace Emporium.Web.Components.Pages.Account;

/// <summary>An address's parts as the address components show and fill them, whichever module it came from.</summary>
public sealed record PostalLines(string? Name, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country)
{
    internal static PostalLines Of(AddressInput a) => new(a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country);

    internal static PostalLines Of(SavedAddress a) => new(a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country);

    internal static PostalLines Of(AddressRequest a) => new(a.Name, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country);
}
