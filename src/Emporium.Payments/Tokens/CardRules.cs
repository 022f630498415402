using Emporium.BuildingBlocks.Results;

namespace Emporium.Payments.Tokens;

/// <summary>
/// <c>POST /api/payments/tokens</c>'s body. Strings for the number and the CVC: leading zeros count,
/// and neither is ever a quantity.
/// </summary>
internal sealed record CardRequest(string? Number, int? ExpMonth, int? ExpYear, string? Cvc);

/// <summary>
/// A card that passed the checks. It lives only for the length of the request: the number and the CVC
/// are never stored or logged (<see cref="ToString"/> hides them, in case it ever reaches a log).
/// </summary>
internal sealed record ValidCard(string Number, int ExpMonth, int ExpYear, string Cvc)
{
    public string Last4 => Number[^4..];

    public string Brand => CardNumber.BrandOf(Number);

    public override string ToString() => $"{Brand} ending {Last4}, expires {ExpMonth:D2}/{ExpYear}";
}

/// <summary>The checks on a card before it is tokenized: all of them, each failure under its field.</summary>
internal static class CardRules
{
    /// <summary>How far ahead an expiry may be: further than any issuer prints.</summary>
    public const int MaxYearsAhead = 50;

    public static Result<ValidCard> Validate(CardRequest? request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (request is null)
        {
            errors.Add("body", "A card is required: number, expMonth, expYear, cvc.");
            return errors.ToError();
        }

        var number = CardNumber.Normalize(request.Number);
        if (request.Number is null || string.IsNullOrWhiteSpace(request.Number))
        {
            errors.Add("number", "Required.");
        }
        else if (number is null || number.Length is < CardNumber.MinLength or > CardNumber.MaxLength)
        {
            errors.Add("number", $"{CardNumber.MinLength} to {CardNumber.MaxLength} digits (spaces and hyphens allowed).");
        }
        else if (!CardNumber.PassesLuhn(number))
        {
            errors.Add("number", "Not a valid card number (check digit).");
        }

        var year = request.ExpYear is >= 0 and < 100 ? 2000 + request.ExpYear : request.ExpYear;
        if (request.ExpMonth is null)
        {
            errors.Add("expMonth", "Required.");
        }
        else if (request.ExpMonth is < 1 or > 12)
        {
            errors.Add("expMonth", "A month from 1 to 12.");
        }

        if (year is null)
        {
            errors.Add("expYear", "Required.");
        }
        else if (year < 2000 || year > now.Year + MaxYearsAhead)
        {
            errors.Add("expYear", $"A year from 2000 to {now.Year + MaxYearsAhead} (or its last two digits).");
        }
        else if (request.ExpMonth is >= 1 and <= 12 && (year.Value, request.ExpMonth.Value).CompareTo((now.Year, now.Month)) < 0)
        {
            // A card is good through the last day of its expiry month.
            errors.Add("expYear", "The card has expired.");
        }

        if (string.IsNullOrEmpty(request.Cvc))
        {
            errors.Add("cvc", "Required.");
        }
        else if (request.Cvc.Length is < 3 or > 4 || !request.Cvc.All(char.IsAsciiDigit))
        {
            errors.Add("cvc", "3 or 4 digits.");
        }

        return errors.Any ? errors.ToError() : new ValidCard(number!, request.ExpMonth!.Value, year!.Value, request.Cvc!);
    }
}
