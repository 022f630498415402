using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Payments;

namespace Emporium.Payments.Payments;

/// <summary>The limits a payments request must stay within: checked before anything is read or written.</summary>
internal static class PaymentRequestRules
{
    public const int MaxTextLength = 200;

    /// <summary>Far above any real order; keeps sums of amounts far from overflowing.</summary>
    public const long MaxAmount = 1_000_000_000_000;

    public static Error? Validate(AuthorizePayment? request)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("request", "Required.");
            return errors.ToError();
        }

        Text(request.IdempotencyKey, "idempotencyKey", errors);
        Text(request.Reference, "reference", errors);
        Text(request.UserId, "userId", errors);
        Text(request.PaymentToken, "paymentToken", errors);
        if (request.Amount is <= 0 or > MaxAmount)
        {
            errors.Add("amount", string.Create(CultureInfo.InvariantCulture, $"More than zero and at most {MaxAmount} (minor units)."));
        }

        if (request.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "An ISO 4217 code: three capital letters.");
        }

        return errors.Any ? errors.ToError() : null;
    }

    /// <summary>Checks a payment id and an operation's idempotency key (and a refund's amount, if given).</summary>
    public static Error? ValidateOperation(string? paymentId, string? idempotencyKey, long? amount = null)
    {
        var errors = new ValidationErrors();
        Text(paymentId, "paymentId", errors);
        Text(idempotencyKey, "idempotencyKey", errors);
        if (amount is <= 0 or > MaxAmount)
        {
            errors.Add("amount", "More than zero (minor units), or left out for all that is left.");
        }

        return errors.Any ? errors.ToError() : null;
    }

    /// <summary>
    /// What a repeat with the same key must ask for again, as a hash: the token is part of the request,
    /// but a payment keeps no token, not even a used one.
    /// </summary>
    public static string Fingerprint(AuthorizePayment request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{request.Reference.Length}:{request.Reference}|{request.UserId.Length}:{request.UserId}|{request.PaymentToken}|{request.Amount}|{request.Currency}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static void Text(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxTextLength)
        {
            errors.Add(field, $"Required, at most {MaxTextLength} characters.");
        }
    }
}
