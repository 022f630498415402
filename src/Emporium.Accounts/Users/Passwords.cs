using Microsoft.AspNetCore.Identity;

namespace Emporium.Accounts.Users;

/// <summary>
/// Hashes and verifies passwords with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2-HMAC-SHA512, random salt, iteration count inside the hash so it can be raised later).
/// </summary>
internal sealed class Passwords
{
    private static readonly PasswordHasher<PasswordOwner> Hasher = new();

    /// <summary>
    /// A hash of nothing anyone knows: verifying against it when the email is unknown costs the same as a
    /// real verification, so response time does not tell whether an account exists.
    /// </summary>
    private readonly string _decoyHash = Hasher.HashPassword(PasswordOwner.Instance, Guid.NewGuid().ToString("N"));

    public string Hash(string password) => Hasher.HashPassword(PasswordOwner.Instance, password);

    /// <summary>Verifies against the stored hash, or against the decoy when there is no account (always failing).</summary>
    public PasswordVerificationResult Verify(string? storedHash, string password)
    {
        var result = Hasher.VerifyHashedPassword(PasswordOwner.Instance, storedHash ?? _decoyHash, password);
        return storedHash is null ? PasswordVerificationResult.Failed : result;
    }

    /// <summary>The hasher's user type; the default hasher never looks at it.</summary>
    private sealed class PasswordOwner
    {
        public static readonly PasswordOwner Instance = new();
    }
}
