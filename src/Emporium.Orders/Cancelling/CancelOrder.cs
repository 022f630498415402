using System.Security.Claims;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Emporium.Orders.Model;
using Emporium.Orders.Placing;
using Emporium.Orders.Storage;
using Emporium.Orders.Viewing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Orders.Cancelling;

/// <summary>The optional body of a buyer's cancel: why, for the record.</summary>
internal sealed record CancelOrderRequest(string? Reason);

/// <summary>
/// <c>POST /api/orders/{orderId}/cancel</c>: the buyer calls off their own order before it ships. Payments
/// and inventory hear <c>OrderCancelled</c> and void or refund, release or restock; this does not call them.
/// After shipping it is 409 and nothing changes; cancelling a cancelled order changes nothing.
/// </summary>
internal static class CancelOrder
{
    public const string DefaultReason = "Cancelled by the customer.";

    public static async Task<IResult> Handle(
        string orderId, CancelOrderRequest? request, ClaimsPrincipal user, OrderStore store, OrderQueries queries, CancellationToken cancellationToken)
    {
        var userId = user.UserId() ?? throw new InvalidOperationException("The signed-in policy admits signed-in users only.");
        var cancelled = await ByBuyerAsync(orderId, userId, request?.Reason, store, queries, cancellationToken);
        return cancelled.IsSuccess ? TypedResults.Ok(cancelled.Value) : Problems.From(cancelled.Error!);
    }

    /// <summary>The buyer's cancel, for the endpoint and the order page: checks the reason, cancels, answers the order as it is now.</summary>
    public static async Task<Result<OrderView>> ByBuyerAsync(
        string orderId, string userId, string? reason, OrderStore store, OrderQueries queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(queries);
        var errors = new ValidationErrors();
        OrderPlacement.CheckReason(errors, reason, required: false);
        if (errors.Any)
        {
            return errors.ToError();
        }

        var why = string.IsNullOrWhiteSpace(reason) ? DefaultReason : reason.Trim();
        var change = await store.ChangeAsync(orderId, new OrderCommand.Cancel(why, userId), owner: userId, cancellationToken);
        if (!change.IsSuccess)
        {
            return change.Error!;
        }

        var view = await queries.GetAsync(orderId, new OrderViewer(userId, IsStaff: false), cancellationToken);
        return view is null ? OrderDecider.Errors.NotFound : view;
    }
}
