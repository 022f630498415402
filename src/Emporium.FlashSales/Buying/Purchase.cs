using System.Globalization;
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
        if (!FlashSale.TryParseId(saleId, out var id))
        {
            return Problems.From(BuyingErrors.BadSaleId);
        }

        // Limited before the sale is looked up: a flood of unknown sale ids would otherwise read storage unchecked.
        var verdict = await limits.TryAcquireAsync(userId, context.Connection.RemoteIpAddress, cancellationToken);
        if (!verdict.IsAllowed)
        {
            return RateLimited(context, verdict.RetryAfter);
        }

        var sale = await gate.FindAsync(id, cancellationToken);
        if (sale is null)
        {
            return Problems.From(BuyingErrors.NotFound(id));
        }

        if (sale.Sale.AdmitPerSecond is not null)
        {
            var token = await PurchaseTokenAsync(context.Request, cancellationToken);
            if (!token.IsSuccess)
            {
                return Problems.From(token.Error!);
            }

            if (!admission.IsAdmitted(sale.Sale, userId, token.Value))
            {
                return Problems.From(BuyingErrors.TokenRequired);
            }
        }

        var now = clock.GetUtcNow();
        var take = await sale.TryTakeAsync(userId, now);
        if (take.Outcome != GateOutcome.Claimed)
        {
            return Problems.From(Refusal(take.Outcome, sale.Sale));
        }

        // The buyer's disconnecting does not stop the write: the unit is taken, and a stored claim nobody
        // pays expires and comes back.
        var claim = new PendingClaim(sale, userId, now, settings.ClaimDeadline, take.Epoch);
        if (!await writer.WriteAsync(claim))
        {
            return Problems.From(BuyingErrors.NotStored);
        }

        var sold = sale.Sale;
        return TypedResults.Created(
            "/api/flash-sales/claims/" + claim.Id,
            new ClaimCreated(claim.Id, sold.IdText, sold.SkuId, sold.Price, sold.Currency, claim.ExpiresAt));
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
