using System.Security.Cryptography;

namespace Emporium.Accounts.Users;

/// <summary>A stored user with the roles they hold.</summary>
internal sealed record AccountUser(string Id, string Email, string Name, string PasswordHash, DateTimeOffset CreatedAt, IReadOnlyList<string> Roles);

/// <summary>Opaque ids: a prefix that says what the id names, then 64 random bits as hex.</summary>
internal static class OpaqueIds
{
    public static string NewUserId() => "usr_" + RandomNumberGenerator.GetHexString(16, lowercase: true);

    public static string NewAddressId() => "adr_" + RandomNumberGenerator.GetHexString(16, lowercase: true);
}
