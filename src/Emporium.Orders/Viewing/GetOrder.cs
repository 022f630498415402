using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Security;
using Emporium.Orders.Model;
using Microsoft.AspNetCore.Http;

namespace Emporium.Orders.Viewing;

/// <summary>
/// <c>GET /api/orders/{orderId}</c> (the buyer's own order; another's is 404 like an unknown one) and
/// <c>GET /api/admin/orders/{orderId}</c> (staff: any order, with ids). Both carry an ETag.
/// </summary>
internal static class GetOrder
{
    public static Task<IResult> ForBuyer(string orderId, HttpContext context, OrderQueries queries, CancellationToken cancellationToken) =>
        HandleAsync(orderId, context, queries, isStaff: false, cancellationToken);

    public static Task<IResult> ForStaff(string orderId, HttpContext context, OrderQueries queries, CancellationToken cancellationToken) =>
        HandleAsync(orderId, context, queries, isStaff: true, cancellationToken);

    private static async Task<IResult> HandleAsync(string orderId, HttpContext context, OrderQueries queries, bool isStaff, CancellationToken cancellationToken)
    {
        var viewer = new OrderViewer(context.User.UserId() ?? throw new InvalidOperationException("Signed-in users only."), isStaff);
        var order = await queries.GetAsync(orderId, viewer, cancellationToken);
        return order is null ? Problems.From(OrderDecider.Errors.NotFound) : CachedJson.Ok(context, order);
    }
}
