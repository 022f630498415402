using Emporium.BuildingBlocks.Security;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Emporium.Cart.Identity;

/// <summary>
/// The guest cart id a browser keeps in a cookie and an API client sends as a header. Ids are 128
/// random bits as 32 lowercase hex characters: knowing one is what gives access to the cart, so they
/// are never guessable and never chosen by the client.
/// </summary>
internal static class GuestCartId
{
    public const string CookieName = "emporium_cart";
    public const string HeaderName = "X-Cart-Id";
    private const int Length = 32;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    public static bool IsWellFormed(string? id) => id is { Length: Length } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>The cart id the request names (header first, then cookie), if well formed; anything else is no cart.</summary>
    public static string? FromRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[HeaderName];
        if (header.Count > 0)
        {
            return header.Count == 1 && IsWellFormed(header[0]) ? header[0] : null;
        }

        return request.Cookies.TryGetValue(CookieName, out var cookie) && IsWellFormed(cookie) ? cookie : null;
    }

    /// <summary>Hands the id to the client: the cookie for browsers (renewed with the cart), the header for API clients.</summary>
    public static void Remember(HttpContext context, string cartId, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(CookieName, cartId, CookieOptions(context, lifetime));
        context.Response.Headers[HeaderName] = cartId;
    }

    /// <summary>Clears the cookie (after a merge), or only if it holds <paramref name="staleCartId"/>.</summary>
    public static void Forget(HttpContext context, string? staleCartId = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies.TryGetValue(CookieName, out var cookie) && (staleCartId is null || cookie == staleCartId))
        {
            context.Response.Cookies.Delete(CookieName, CookieOptions(context, null));
        }
    }

    private static CookieOptions CookieOptions(HttpContext context, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        // Lax: the cart survives following a link to the shop, but another site cannot change it with a form post.
        SameSite = SameSiteMode.Lax,
        Secure = CookieSecurity.IsSecure(context),
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
