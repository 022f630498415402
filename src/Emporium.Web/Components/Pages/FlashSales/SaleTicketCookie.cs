using Microsoft.AspNetCore.Http;

namespace Emporium.Web.Components.Pages.FlashSales;

/// <summary>
/// The buyer's waiting-room ticket for one sale, kept in an HttpOnly cookie scoped to that sale's page:
/// scripts on other pages cannot read it, and without JavaScript the page still finds it on each refresh.
/// </summary>
internal static class SaleTicketCookie
{
    private static string Name(string saleId) => "emporium_fs_ticket_" + saleId;

    public static string? Read(HttpContext context, string saleId) =>
        context.Request.Cookies.TryGetValue(Name(saleId), out var ticket) && ticket.Length is > 0 and <= 200 ? ticket : null;

    public static void Write(HttpContext context, string saleId, string ticket, DateTimeOffset saleEndsAt) =>
        context.Response.Cookies.Append(Name(saleId), ticket, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = Urls.FlashSale(saleId),

            // A ticket means nothing once the sale is over.
            Expires = saleEndsAt.AddHours(1),
        });

    public static void Forget(HttpContext context, string saleId) =>
        context.Response.Cookies.Delete(Name(saleId), new CookieOptions { Path = Urls.FlashSale(saleId) });
}
