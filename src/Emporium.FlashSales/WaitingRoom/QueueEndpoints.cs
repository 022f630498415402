using System.Security.Claims;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Emporium.FlashSales.Buying;
using Emporium.FlashSales.Sales;
using Microsoft.AspNetCore.Http;

namespace Emporium.FlashSales.WaitingRoom;

/// <summary>
/// A ticket as its holder sees it: <c>waiting</c> with how many are ahead and a wait estimate, or
/// <c>admitted</c> with a purchase token for <c>POST /api/flash-sales/{saleId}/purchase</c>.
/// </summary>
internal sealed record QueueTicketView(
    string Ticket,
    string Status,
    long Position,
    long EstimatedWaitSeconds,
    string? PurchaseToken,
    DateTimeOffset? PurchaseTokenExpiresAt);

/// <summary><c>POST /api/flash-sales/{saleId}/queue</c> and <c>GET /api/flash-sales/{saleId}/queue/{ticket}</c> (signed in).</summary>
internal static class QueueEndpoints
{
    public static async Task<IResult> Join(
        string saleId, ClaimsPrincipal user, IStockGate gate, IWaitingRoom room, PurchaseTokens tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = user.UserId() ?? throw new InvalidOperationException("The signed-in policy admits signed-in users only.");
        var joined = await JoinAsync(saleId, userId, gate, room, tokens, clock, cancellationToken);
        if (!joined.IsSuccess)
        {
            return Problems.From(joined.Error!);
        }

        var (view, isNew, canonicalSaleId) = joined.Value;
        return isNew
            ? TypedResults.Created($"/api/flash-sales/{canonicalSaleId}/queue/{view.Ticket}", view)
            : TypedResults.Ok(view);
    }

    public static async Task<IResult> Get(
        string saleId, string ticket, ClaimsPrincipal user, IStockGate gate, IWaitingRoom room, PurchaseTokens tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = user.UserId() ?? throw new InvalidOperationException("The signed-in policy admits signed-in users only.");
        var view = await LookAsync(saleId, ticket, userId, gate, room, tokens, clock, cancellationToken);
        return view.IsSuccess ? TypedResults.Ok(view.Value) : Problems.From(view.Error!);
    }

    /// <summary>
    /// Joins <paramref name="userId"/> to the sale's waiting room (or answers the ticket they hold, not new):
    /// the decision the endpoint and the sale page share.
    /// </summary>
    public static async Task<Result<(QueueTicketView View, bool IsNew, string SaleId)>> JoinAsync(
        string saleId, string userId, IStockGate gate, IWaitingRoom room, PurchaseTokens tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var sale = await QueueableSaleAsync(saleId, gate, clock, cancellationToken);
        if (!sale.IsSuccess)
        {
            return sale.Error!;
        }

        var joined = await room.JoinAsync(sale.Value, userId, cancellationToken);
        if (!joined.IsSuccess)
        {
            return joined.Error!;
        }

        var place = joined.Value;
        return (ViewOf(place, sale.Value, userId, tokens), place.IsNew, sale.Value.IdText);
    }

    /// <summary>Where <paramref name="userId"/>'s <paramref name="ticket"/> stands: the decision the endpoint and the sale page share.</summary>
    public static async Task<Result<QueueTicketView>> LookAsync(
        string saleId, string ticket, string userId, IStockGate gate, IWaitingRoom room, PurchaseTokens tokens, TimeProvider clock, CancellationToken cancellationToken)
    {
        var sale = await QueueableSaleAsync(saleId, gate, clock, cancellationToken);
        if (!sale.IsSuccess)
        {
            return sale.Error!;
        }

        // Another buyer's ticket answers exactly like a forged one: tickets are not transferable.
        var place = await room.FindAsync(sale.Value, userId, ticket, cancellationToken);
        return place is null ? QueueErrors.TicketNotFound : ViewOf(place, sale.Value, userId, tokens);
    }

    /// <summary>
    /// The sale, when joining or waiting in its queue still makes sense. Read from its gate (memory), not
    /// storage: every waiting buyer polls. Joining before the start is allowed; nobody is admitted before it.
    /// </summary>
    private static async Task<Result<FlashSale>> QueueableSaleAsync(string saleId, IStockGate gate, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!FlashSale.TryParseId(saleId, out var id))
        {
            return BuyingErrors.BadSaleId;
        }

        var found = await gate.FindAsync(id, cancellationToken);
        if (found is null)
        {
            return BuyingErrors.NotFound(id);
        }

        var sale = found.Sale;
        if (sale.AdmitPerSecond is null)
        {
            return QueueErrors.NoWaitingRoom;
        }

        // The gate's phase and the purchase route's errors: the queue and the purchase agree on when a sale is over.
        return found.PhaseAt(clock.GetUtcNow()) switch
        {
            SalePhase.Ended => BuyingErrors.Ended,
            SalePhase.SoldOut => BuyingErrors.SoldOut,
            _ => sale,
        };
    }

    private static QueueTicketView ViewOf(QueuePlace place, FlashSale sale, string userId, PurchaseTokens tokens)
    {
        if (!place.IsAdmitted)
        {
            var seconds = (long)Math.Ceiling(place.EstimatedWait.TotalSeconds);
            return new QueueTicketView(place.Ticket, "waiting", place.Ahead, seconds, null, null);
        }

        // Minted afresh on each look: an admitted buyer stays admitted while the sale runs, and a token
        // that leaks (or outlives the queue across a restart) is good for one short lifetime only.
        var token = tokens.Issue(sale, userId, place.Ticket);
        return new QueueTicketView(place.Ticket, "admitted", 0, 0, token.Value, token.ExpiresAt);
    }
}
