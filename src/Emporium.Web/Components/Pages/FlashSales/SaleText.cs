using System.Globalization;
using Emporium.BuildingBlocks.Results;

namespace Emporium.Web.Components.Pages.FlashSales;

/// <summary>How the sale pages word times, waits and the module's refusals for a shopper.</summary>
internal static class SaleText
{
    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("d MMM yyyy, HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The ISO form the countdown script reads.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A span of time as "2 d 03:04:05" or "03:04:05"; the script writes the same shape.</summary>
    public static string Span(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        var clock = string.Create(CultureInfo.InvariantCulture, $"{span.Hours:00}:{span.Minutes:00}:{span.Seconds:00}");
        return span.Days > 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.Days} d {clock}") : clock;
    }

    public static string Ahead(long ahead) => ahead switch
    {
        0 => "You are next in line.",
        1 => "1 person is ahead of you.",
        _ => string.Create(CultureInfo.InvariantCulture, $"{ahead} people are ahead of you."),
    };

    public static string Wait(long seconds) => string.Create(CultureInfo.InvariantCulture, $"Estimated wait: about {Math.Max(1, seconds)} s.");

    public static string RateLimited(TimeSpan retryAfter) => string.Create(
        CultureInfo.InvariantCulture, $"Too many attempts: try again in {Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds))} s.");

    /// <summary>A refusal from the purchase or the waiting room, in the shopper's words.</summary>
    public static string Refusal(Error error) => error.Code switch
    {
        "sold_out" => "Sold out: every unit of this sale has been claimed.",
        "sale_ended" => "This sale has ended.",
        "sale_not_started" => "This sale has not started yet.",
        "per_user_limit_reached" => "Limit reached: " + error.Message,
        "purchase_token_required" => "Your turn to buy has run out or was not found: join the queue again.",
        "queue_full" => "The waiting room is full: the sale will sell out before anyone joining now gets a turn.",
        "ticket_not_found" => "Your place in the queue was lost: join the queue again.",
        _ => error.Message,
    };
}
