using System.Security.Claims;
using System.Text;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Emporium.Checkout.Placing;

/// <summary>
/// <c>POST /api/checkout</c>: checks the request (400, nothing stored), then runs or joins the saga for
/// the caller's <c>Idempotency-Key</c> and writes its answer exactly as stored.
/// </summary>
internal static class PlaceCheckout
{
    public static async Task<IResult> Handle(
        [FromHeader(Name = IdempotencyHeaders.Key)] string? idempotencyKey,
        CheckoutRequest? request,
        ClaimsPrincipal user,
        HttpResponse response,
        CheckoutCoordinator coordinator,
        CancellationToken cancellationToken)
    {
        var userId = user.UserId() ?? throw new InvalidOperationException("The signed-in policy admits signed-in users only.");
        var valid = ValidCheckout.From(idempotencyKey, request);
        if (!valid.IsSuccess)
        {
            return Problems.From(valid.Error!);
        }

        var answer = await coordinator.PlaceAsync(userId, valid.Value, cancellationToken);
        if (answer.Replayed)
        {
            response.Headers[IdempotencyHeaders.Replayed] = "true";
        }

        if (answer.Response.Status == StatusCodes.Status201Created)
        {
            response.Headers.Location = "/api/orders/" + Uri.EscapeDataString(answer.OrderId!);
        }

        if (answer.RetryLater)
        {
            response.Headers.RetryAfter = "1";
        }

        var contentType = answer.Response.Status < 400 ? "application/json" : "application/problem+json";
        return TypedResults.Text(answer.Response.Body, contentType, Encoding.UTF8, answer.Response.Status);
    }
}
