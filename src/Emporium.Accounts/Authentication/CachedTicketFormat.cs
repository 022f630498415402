using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Emporium.Accounts.Authentication;

/// <summary>
/// The bearer-token format with the tickets it has already opened remembered: a token is decrypted and
/// its MAC checked once, then found by its text until it falls out of a bounded cache. Without it every
/// request of a signed-in client pays for key derivation, AES and HMAC (a tenth of a flash-sale purchase's
/// CPU, and more in the finalizers of the crypto objects it leaves behind).
/// </summary>
/// <remarks>
/// Semantics are unchanged: only a token that decrypts is remembered, the bearer handler still checks the
/// ticket's expiry on every request, and each request gets its own copy of the principal. Bearer tokens
/// were never revocable before their expiry (they are self-contained), so remembering one revokes nothing
/// later. A token that fails is not remembered: garbage cannot fill the cache.
/// </remarks>
internal sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    /// <summary>About 2.5 KB a ticket with its key: ~80 MB at most, enough for a flash sale of 20,000 signed-in buyers.</summary>
    public const int Capacity = 32_768;

    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        if (_tickets.TryGetValue(protectedText, out AuthenticationTicket? known))
        {
            return known!.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        var left = ticket?.Properties.ExpiresUtc - clock.GetUtcNow();
        if (left > TimeSpan.Zero)
        {
            // Not beyond the ticket's own expiry (relative: the cache keeps time by the system clock, the
            // handler by the host's TimeProvider): an expired ticket is refused anyway and need not take room.
            var entry = new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Unused, AbsoluteExpirationRelativeToNow = left };
            _tickets.Set(protectedText, ticket!.Clone(), entry);
        }

        return ticket;
    }

    public void Dispose() => _tickets.Dispose();
}
