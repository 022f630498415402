using System.Text;

namespace Emporium.Accounts.Users;

/// <summary>
/// What the accounts module accepts as an email address, and the form it compares them in.
/// Deliberately simple: the only real proof of an address is a confirmation mail, which comes later.
/// </summary>
internal static class EmailAddress
{
    /// <summary>The longest address SMTP can carry (RFC 5321 path limit minus the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>
    /// The comparison form, stored in the unique column: trimmed, Unicode-composed (so "é" typed two ways
    /// is one address) and lower-case, which makes uniqueness case-insensitive on both engines alike.
    /// </summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }

    /// <summary>One '@' between a non-empty local part (≤ 64) and a dotted domain; no spaces or control characters.</summary>
    public static bool IsValid(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > MaxLength || email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at > 64 || at != email.LastIndexOf('@'))
        {
            return false;
        }

        var domain = email[(at + 1)..];
        var dot = domain.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal);
    }
}
