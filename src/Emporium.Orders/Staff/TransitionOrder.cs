using System.Security.Claims;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Security;
using Emporium.Orders.Model;
using Emporium.Orders.Storage;
using Emporium.Orders.Viewing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Orders.Staff;

/// <summary>
/// <c>POST /api/admin/orders/{orderId}/transitions</c>: staff move an order along (packed, shipped,
/// delivered, completed) or record a return (refunded) until a fulfillment module does this. The state
/// machine decides: a move it does not allow is 409 naming both statuses; a repeat changes nothing.
/// </summary>
internal static class TransitionOrder
{
    public static async Task<IResult> Handle(
        string orderId, TransitionRequest? request, ClaimsPrincipal user, OrderStore store, OrderQueries queries, CancellationToken cancellationToken)
    {
        var staffId = user.UserId() ?? throw new InvalidOperationException("The admin policy admits signed-in users only.");
        var command = TransitionRules.Parse(request, OrderActor.Staff(staffId));
        if (!command.IsSuccess)
        {
            return Problems.From(command.Error!);
        }

        var change = await store.ChangeAsync(orderId, command.Value, owner: null, cancellationToken);
        if (!change.IsSuccess)
        {
            return Problems.From(change.Error!);
        }

        var view = await queries.GetAsync(orderId, new OrderViewer(staffId, IsStaff: true), cancellationToken);
        return view is null ? Problems.From(OrderDecider.Errors.NotFound) : TypedResults.Ok(view);
    }
}
