using System.Security.Cryptography;
using System.Text.Json;
using Emporium.Checkout.Placing;
using Microsoft.AspNetCore.DataProtection;

namespace Emporium.Web.Components.Pages.Shopping.Checkout;

/// <summary>
/// The shipping address a shopper chose, carried through the checkout's steps (and the trip to the card
/// gateway and back) in the address, encrypted: no server-side session to lose, and no street address in
/// plain text in a URL or a log. It is checked again, like every request, when the order is placed.
/// </summary>
internal sealed class ShippingTicket(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Emporium.Web.Checkout.ShippingAddress");

    public string Issue(AddressRequest address) => _protector.Protect(JsonSerializer.Serialize(address));

    /// <summary>The address in a ticket, or null when it is not one we issued (or is damaged).</summary>
    public AddressRequest? Read(string? ticket)
    {
        if (string.IsNullOrEmpty(ticket))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AddressRequest>(_protector.Unprotect(ticket));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
