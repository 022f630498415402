using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Emporium.FlashSales.Sales;
using Microsoft.AspNetCore.DataProtection;

namespace Emporium.FlashSales.WaitingRoom;

/// <summary>A purchase token as handed to an admitted buyer.</summary>
internal sealed record PurchaseToken(string Value, DateTimeOffset ExpiresAt);

/// <summary>
/// Purchase tokens: what an admitted ticket carries to the purchase route. Sealed (encrypted and
/// authenticated) with ASP.NET Core Data Protection, so they are checked without any lookup, cannot be
/// forged or altered, and survive a restart (the keys are kept: on disk, or in the database shared by
/// every instance when scaled out, so any instance accepts them) while the queue does not.
/// </summary>
/// <remarks>
/// The payload is (sale, buyer, ticket, expiry). The expiry is inside the sealed payload and checked
/// against the injected <see cref="TimeProvider"/> rather than with <c>ToTimeLimitedDataProtector</c>,
/// which reads the system clock: the same guarantee, but decided by the clock the gate and the sale
/// window use (and tests move).
/// </remarks>
internal sealed class PurchaseTokens(IDataProtectionProvider protection, FlashSalesSettings settings, TimeProvider clock) : IPurchaseAdmission
{
    /// <summary>The purpose isolates these tokens from every other use of the keys (cookies, bearer tokens).</summary>
    private const string Purpose = "Emporium.FlashSales.PurchaseToken.v1";

    private const byte Version = 1;

    /// <summary>A real token is about 200 characters; anything much longer is not worth decrypting.</summary>
    private const int MaxLength = 2048;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    /// <summary>A token for <paramref name="userId"/>'s admitted <paramref name="ticket"/>, valid for the configured lifetime from now.</summary>
    public PurchaseToken Issue(FlashSale sale, string userId, string ticket)
    {
        ArgumentNullException.ThrowIfNull(sale);
        // Whole milliseconds, as carried in the token, so the expiry the buyer sees is the one checked.
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((clock.GetUtcNow() + settings.PurchaseTokenLifetime).ToUnixTimeMilliseconds());
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(sale.Id);
            writer.Write(expiresAt.ToUnixTimeMilliseconds());
            writer.Write(userId);
            writer.Write(ticket);
        }

        return new PurchaseToken(Base64Url.EncodeToString(_protector.Protect(buffer.ToArray())), expiresAt);
    }

    /// <summary>True for an intact, unexpired token issued for this sale and this buyer.</summary>
    public bool IsAdmitted(FlashSale sale, string userId, string? purchaseToken)
    {
        ArgumentNullException.ThrowIfNull(sale);
        return Read(purchaseToken) is { } payload
            && payload.SaleId == sale.Id
            && string.Equals(payload.UserId, userId, StringComparison.Ordinal)
            && clock.GetUtcNow() < payload.ExpiresAt;
    }

    private Payload? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxLength)
        {
            return null;
        }

        byte[] plain;
        try
        {
            plain = _protector.Unprotect(Base64Url.DecodeFromChars(token));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Forged, altered, truncated, sealed with a revoked key, or not base64url at all.
            return null;
        }

        using var reader = new BinaryReader(new MemoryStream(plain), Encoding.UTF8);
        if (reader.ReadByte() != Version)
        {
            return null;
        }

        var saleId = reader.ReadInt64();
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
        return new Payload(saleId, expiresAt, reader.ReadString(), reader.ReadString());
    }

    private sealed record Payload(long SaleId, DateTimeOffset ExpiresAt, string UserId, string Ticket);
}
