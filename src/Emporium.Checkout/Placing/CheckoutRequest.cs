using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Emporium.BuildingBlocks.Results;
using Emporium.Checkout.Saga;
using Emporium.Checkout.Storage;
using Emporium.Contracts.Orders;

namespace Emporium.Checkout.Placing;

/// <summary>
/// The body of <c>POST /api/checkout</c>. There is no price anywhere in it: the server quotes. Anything
/// else a client sends (a total, unit prices) is not bound and so cannot matter.
/// </summary>
/// <remarks><c>ClaimId</c> pays a flash-sale claim instead of the cart.</remarks>
internal sealed record CheckoutRequest(AddressRequest? ShippingAddress, string? PaymentToken, string? CouponCode, string? ClaimId = null);

internal sealed record AddressRequest(
    string? Name, string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country, string? Phone);

/// <summary>A checked request: the saga's input, the key, and the fingerprint that tells a replay from a reuse of the key.</summary>
internal sealed record ValidCheckout(string IdempotencyKey, CheckoutInput Input, string Fingerprint)
{
    public const int MaxKeyLength = 255;
    public const int MaxClaimIdLength = 100;

    public static Result<ValidCheckout> From(string? idempotencyKey, CheckoutRequest? request)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > MaxKeyLength || idempotencyKey.Any(c => c is < '!' or > '~'))
        {
            errors.Add("Idempotency-Key", $"Send an Idempotency-Key header: 1 to {MaxKeyLength} visible ASCII characters, unique per checkout attempt.");
        }

        if (request is null)
        {
            errors.Add("body", "Send a JSON body with shippingAddress and paymentToken.");
            return errors.ToError();
        }

        var address = Address(request.ShippingAddress, errors);
        var token = request.PaymentToken?.Trim();
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            errors.Add("paymentToken", "Required: the token POST /api/payments/tokens returned for the card.");
        }

        var claimId = string.IsNullOrWhiteSpace(request.ClaimId) ? null : request.ClaimId.Trim();
        if (claimId is not null && (claimId.Length > MaxClaimIdLength || claimId.Any(c => c is < '!' or > '~')))
        {
            errors.Add("claimId", $"When set: the claimId POST /api/flash-sales/{{saleId}}/purchase returned (at most {MaxClaimIdLength} characters).");
        }

        if (errors.Any)
        {
            return errors.ToError();
        }

        if (!string.IsNullOrWhiteSpace(request.CouponCode))
        {
            return new Error(ErrorKind.Unprocessable, "coupon_not_found", $"There is no coupon '{request.CouponCode.Trim()}'. Nothing was charged or reserved.");
        }

        var input = new CheckoutInput(address!, token!) { ClaimId = claimId };
        return new ValidCheckout(idempotencyKey!, input, FingerprintOf(input));
    }

    /// <summary>The same body (after normalising) gives the same fingerprint; any other differs.</summary>
    private static string FingerprintOf(CheckoutInput input) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(input, SagaEventJson.Options))));

    private static ShippingAddress? Address(AddressRequest? body, ValidationErrors errors)
    {
        if (body is null)
        {
            errors.Add("shippingAddress", "Required: name, line1, city, postalCode and country (two letters).");
            return null;
        }

        var name = Text(body.Name, "shippingAddress.name", 100, required: true, errors);
        var line1 = Text(body.Line1, "shippingAddress.line1", 200, required: true, errors);
        var line2 = Text(body.Line2, "shippingAddress.line2", 200, required: false, errors);
        var city = Text(body.City, "shippingAddress.city", 100, required: true, errors);
        var region = Text(body.Region, "shippingAddress.region", 100, required: false, errors);
        var postalCode = Text(body.PostalCode, "shippingAddress.postalCode", 20, required: true, errors);
        var phone = Text(body.Phone, "shippingAddress.phone", 30, required: false, errors);
        var country = body.Country?.Trim().ToUpperInvariant();
        if (country is not { Length: 2 } || !country.All(char.IsAsciiLetterUpper))
        {
            errors.Add("shippingAddress.country", "Required: an ISO 3166-1 alpha-2 code such as GB or US.");
        }

        return errors.Any ? null : new ShippingAddress(name!, line1!, line2, city!, region, postalCode!, country!, phone);
    }

    private static string? Text(string? value, string field, int maxLength, bool required, ValidationErrors errors)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (trimmed is null && required)
        {
            errors.Add(field, "Required.");
        }
        else if (trimmed is { Length: var length } && length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters.");
        }

        return trimmed;
    }
}
