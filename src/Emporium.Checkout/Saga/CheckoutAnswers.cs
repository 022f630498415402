using System.Text.Json;
using Emporium.BuildingBlocks;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Results;
using Emporium.Checkout.Storage;

namespace Emporium.Checkout.Saga;

/// <summary>The buyer's answer to <c>POST /api/checkout</c>: created order.</summary>
internal sealed record CheckoutCreated(string OrderId, string Status, Money Total);

/// <summary>
/// Decides the buyer's answer from the saga's state, once: 201 when it completed, the failure's
/// ProblemDetails as soon as a step failed (the undoing may still be under way). The answer is stored
/// as text, so every replay of the key returns the very same bytes.
/// </summary>
internal static class CheckoutAnswers
{
    public static CheckoutResponse? Decide(SagaState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Completed)
        {
            var created = new CheckoutCreated(state.OrderId!, "paid", new Money(state.Quote!.Total, state.Quote.Currency));
            return new CheckoutResponse(201, JsonSerializer.Serialize(created, SagaEventJson.Options));
        }

        return state.Failure is { Error: var error } ? Problem(error) : null;
    }

    public static CheckoutResponse Problem(Error error)
    {
        var problem = Problems.From(error).ProblemDetails;
        return new CheckoutResponse(problem.Status!.Value, JsonSerializer.Serialize(problem, SagaEventJson.Options));
    }
}
