namespace Emporium.Accounts.Users;

/// <summary>
/// The password rule, kept simple enough to state in one sentence: 10 to 128 characters, mixing at least
/// two of lower-case letters, upper-case letters, digits and other characters. Length does most of the
/// work; the mix only rules out the weakest all-digits or all-lower-case choices.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinLength = 10;

    /// <summary>An upper bound so a request cannot make the server hash megabytes.</summary>
    public const int MaxLength = 128;

    public const int MinCharacterClasses = 2;

    /// <summary>Why the password is not acceptable, or null when it is.</summary>
    public static string? Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "A password is required.";
        }

        if (password.Length < MinLength || password.Length > MaxLength)
        {
            return $"A password has {MinLength} to {MaxLength} characters.";
        }

        var classes = (password.Any(char.IsLower) ? 1 : 0)
            + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0)
            + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        return classes < MinCharacterClasses
            ? "A password mixes at least two of: lower-case letters, upper-case letters, digits, other characters."
            : null;
    }
}
