namespace Emporium.Payments.Tokens;

/// <summary>Rules about a card number as such: its check digit and the brand its prefix (IIN) belongs to.</summary>
internal static class CardNumber
{
    public const int MinLength = 12;
    public const int MaxLength = 19;

    /// <summary>The digits of <paramref name="text"/> with spaces and hyphens (as people type them) removed; null if anything else is in it.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var digits = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return null;
            }
        }

        return digits.ToString();
    }

    /// <summary>The Luhn (mod 10) check every card number passes: catches a mistyped digit or two swapped neighbours.</summary>
    public static bool PassesLuhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length == 0)
        {
            return false;
        }

        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(digits[i]))
            {
                return false;
            }

            var digit = digits[i] - '0';
            if (doubled)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    /// <summary>The card network, from the number's first digits; <c>unknown</c> for anything else.</summary>
    public static string BrandOf(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.Length < 4)
        {
            return "unknown";
        }

        var two = int.Parse(digits.AsSpan(0, 2), System.Globalization.CultureInfo.InvariantCulture);
        var three = int.Parse(digits.AsSpan(0, 3), System.Globalization.CultureInfo.InvariantCulture);
        var four = int.Parse(digits.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        return digits[0] switch
        {
            '4' => "visa",
            _ when two is >= 51 and <= 55 || four is >= 2221 and <= 2720 => "mastercard",
            _ when two is 34 or 37 => "amex",
            _ when four == 6011 || two == 65 || three is >= 644 and <= 649 => "discover",
            _ => "unknown",
        };
    }
}
