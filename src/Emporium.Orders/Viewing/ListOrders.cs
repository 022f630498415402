using System.Security.Claims;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Emporium.Orders.Viewing;

/// <summary><c>GET /api/orders?page=&amp;pageSize=</c>: the caller's own orders, newest first.</summary>
internal static class ListOrders
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static async Task<IResult> Handle(ClaimsPrincipal user, OrderQueries queries, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (page is < 1)
        {
            errors.Add("page", "From 1.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"From 1 to {MaxPageSize}.");
        }

        if (errors.Any)
        {
            return Problems.From(errors.ToError());
        }

        var userId = user.UserId() ?? throw new InvalidOperationException("The signed-in policy admits signed-in users only.");
        return TypedResults.Ok(await queries.ListAsync(userId, page ?? 1, pageSize ?? DefaultPageSize, cancellationToken));
    }
}
