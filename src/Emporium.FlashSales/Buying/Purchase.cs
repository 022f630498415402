using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Emporium.FlashSales.Sales;
using Emporium.FlashSales.WaitingRoom;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Emporium.FlashSales.Buying;

/// <summary>The optional body of a purchase: the purchase token of an admitted waiting-room ticket.</summary>
internal sealed record PurchaseRequest(string? PurchaseToken);

/// <summary>A durable claim: pay it with <c>POST /api/checkout { claimId }</c> before <see cref="ExpiresAt"/>.</summary>
internal sealed record ClaimCreated(string ClaimId, string SaleId, string SkuId, long Price, string Currency, DateTimeOffset ExpiresAt);

/// <summary>
/// What a purchase attempt came to: a stored <see cref="Claim"/>, a <see cref="Refusal"/>, or too many
/// attempts (<see cref="RetryAfter"/>: how long until the window that refused it ends).
/// </summary>
internal sealed record PurchaseOutcome(ClaimCreated? Claim, Error? Refusal, TimeSpan? RetryAfter)
{
    public static PurchaseOutcome Refused(Error error) => new(null, error, null);
}

/// <summary>The services one purchase attempt consults, as the DI container holds them.</summary>
internal sealed record PurchaseDesk(
    IStockGate Gate, IPurchaseRateLimits Limits, IPurchaseAdmission Admission, ClaimWriter Writer, FlashSalesSettings Settings, TimeProvider Clock);

/// <summary>
/// <c>POST /api/flash-sales/{saleId}/purchase</c> (signed in): the buyer's and the address's rate limits,
/// the sale (from its gate), the waiting room's purchase token when the sale has one, one step at the
/// gate, then the claim made durable (<see cref="ClaimWriter"/>) before the buyer hears 201.
/// </summary>
internal static class Purchase
{
    public const string TokenHeader = "X-Purchase-Token";

    public static async Task<IResult> Handle(
        string saleId,
        HttpContext context,
        ClaimsPrincipal user,
        IStockGate gate,
        IPurchaseRateLimits limits,
        IPurchaseAdmission admission,
        ClaimWriter writer,
        FlashSalesSettings settings,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var userId = user.UserId() ?? throw new InvalidOperationException("The signed-in policy admits signed-in users only.");
        var desk = new PurchaseDesk(gate, limits, admission, writer, settings, clock);
        var outcome = await AttemptAsync(
            saleId, userId, context.Connection.RemoteIpAddress, token => PurchaseTokenAsync(context.Request, token), desk, cancellationToken);
        if (outcome.RetryAfter is { } retryAfter)
        {
            return RateLimited(context, retryAfter);
        }

        if (outcome.Refusal is { } refusal)
        {
            return Problems.From(refusal);
        }

        var claim = outcome.Claim!;
        return TypedResults.Created("/api/flash-sales/claims/" + claim.ClaimId, claim);
    }

    /// <summary>
    /// One purchase attempt, decided: the endpoint and the sale page both call this, so the limits, the
    /// waiting room's token and the gate judge a click on the page exactly as a call to the API.
    /// <paramref name="purchaseToken"/> is read only for a sale with a waiting room.
    /// </summary>
    public static async Task<PurchaseOutcome> AttemptAsync(
        string saleId,
        string userId,
        IPAddress? address,
        Func<CancellationToken, Task<Result<string?>>> purchaseToken,
        PurchaseDesk desk,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purchaseToken);
        ArgumentNullException.ThrowIfNull(desk);
        if (!FlashSale.TryParseId(saleId, out var id))
        {
            return PurchaseOutcome.Refused(BuyingErrors.BadSaleId);
        }

        // Limited before the sale is looked up: a flood of unknown sale ids would otherwise read storage unchecked.
        var verdict = await desk.Limits.TryAcquireAsync(userId, address, cancellationToken);
        if (!verdict.IsAllowed)
        {
            return new PurchaseOutcome(null, null, verdict.RetryAfter);
        }

        var sale = await desk.Gate.FindAsync(id, cancellationToken);
        if (sale is null)
        {
            return PurchaseOutcome.Refused(BuyingErrors.NotFound(id));
        }

        if (sale.Sale.AdmitPerSecond is not null)
        {
            var token = await purchaseToken(cancellationToken);
            if (!token.IsSuccess)
            {
                return PurchaseOutcome.Refused(token.Error!);
            }

            if (!desk.Admission.IsAdmitted(sale.Sale, userId, token.Value))
            {
                return PurchaseOutcome.Refused(BuyingErrors.TokenRequired);
            }
        }

        var now = desk.Clock.GetUtcNow();
        var take = await sale.TryTakeAsync(userId, now);
        if (take.Outcome != GateOutcome.Claimed)
        {
            return PurchaseOutcome.Refused(Refusal(take.Outcome, sale.Sale));
        }

        // The buyer's disconnecting does not stop the write: the unit is taken, and a stored claim nobody
        // pays expires and comes back.
        var claim = new PendingClaim(sale, userId, now, desk.Settings.ClaimDeadline, take.Epoch);
        if (!await desk.Writer.WriteAsync(claim))
        {
            return PurchaseOutcome.Refused(BuyingErrors.NotStored);
        }

        var sold = sale.Sale;
        return new PurchaseOutcome(new ClaimCreated(claim.Id, sold.IdText, sold.SkuId, sold.Price, sold.Currency, claim.ExpiresAt), null, null);
    }

    private static Error Refusal(GateOutcome outcome, FlashSale sale) => outcome switch
    {
        GateOutcome.NotStarted => BuyingErrors.NotStarted,
        GateOutcome.Ended => BuyingErrors.Ended,
        GateOutcome.SoldOut => BuyingErrors.SoldOut,
        GateOutcome.LimitReached => BuyingErrors.LimitReached(sale.PerUserLimit),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    /// <summary>
    /// The token from the <c>X-Purchase-Token</c> header or, failing that, the body's <c>purchaseToken</c>.
    /// The body is read only here, for sales with a waiting room: elsewhere it means nothing.
    /// </summary>
    private static async Task<Result<string?>> PurchaseTokenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers[TokenHeader].ToString();
        if (header.Length > 0)
        {
            return header;
        }

        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return (string?)null;
        }

        try
        {
            var body = await request.ReadFromJsonAsync<PurchaseRequest>(cancellationToken);
            return body?.PurchaseToken;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Not JSON, or not sent as JSON: a body the client meant to say something with, unreadable.
            return Error.Validation(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["body"] = ["Send no body, or JSON { \"purchaseToken\": \"...\" } with Content-Type application/json."],
            });
        }
    }

    private static ProblemHttpResult RateLimited(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: "Too many purchase attempts; try again later.",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            type: Problems.TypeBase + "rate_limited",
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = "rate_limited" });
    }
}
