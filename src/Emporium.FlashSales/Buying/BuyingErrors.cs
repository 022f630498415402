using System.Globalization;
using Emporium.BuildingBlocks.Results;

namespace Emporium.FlashSales.Buying;

/// <summary>The purchase route's expected outcomes (codes are stable; see the flash-sales section of the API docs).</summary>
internal static class BuyingErrors
{
    public static readonly Error BadSaleId =
        Error.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["saleId"] = ["Not a flash-sale id."] });

    public static readonly Error NotStarted = new(ErrorKind.Conflict, "sale_not_started", "The sale has not started yet.");

    public static readonly Error Ended = new(ErrorKind.Gone, "sale_ended", "The sale has ended.");

    public static readonly Error SoldOut = new(ErrorKind.Gone, "sold_out", "The sale is sold out.");

    public static readonly Error TokenRequired = new(
        ErrorKind.Forbidden,
        "purchase_token_required",
        "This sale has a waiting room: join its queue and buy with the purchase token your admitted ticket carries (body purchaseToken or header X-Purchase-Token).");

    /// <summary>The claim could not be stored; its unit went back to the sale, and trying again may succeed.</summary>
    public static readonly Error NotStored = new(
        ErrorKind.Unavailable, "claim_not_stored", "Your claim could not be recorded and nothing was claimed; please try again.");

    public static Error NotFound(long saleId) =>
        Error.NotFound("sale_not_found", string.Create(CultureInfo.InvariantCulture, $"There is no flash sale '{saleId}'."));

    public static Error LimitReached(int perUserLimit) => new(
        ErrorKind.Conflict,
        "per_user_limit_reached",
        string.Create(CultureInfo.InvariantCulture, $"You already hold {perUserLimit} of this sale's units, the most one buyer may claim."));
}
