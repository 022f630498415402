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
        var errors = new ValidationErrors();
        OrderPlacement.CheckReason(errors, request?.Reason, required: false);
        if (errors.Any)
        {
            return Problems.From(errors.ToError());
        }

        var userId = user.UserId() ?? throw new InvalidOperationException("The signed-in policy admits signed-in users only.");
        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? DefaultReason : request.Reason.Trim();
        var change = await store.ChangeAsync(orderId, new OrderCommand.Cancel(reason, userId), owner: userId, cancellationToken);
        if (!change.IsSuccess)
        {
            return Problems.From(change.Error!);
        }

        var view = await queries.GetAsync(orderId, new OrderViewer(userId, IsStaff: false), cancellationToken);
        return view is null ? Problems.From(OrderDecider.Errors.NotFound) : TypedResults.Ok(view);
    }
}
