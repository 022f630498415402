using Emporium.BuildingBlocks.Http;
using Emporium.Payments.Gateway.Sandbox;
using Microsoft.AspNetCore.Http;

namespace Emporium.Payments.Tokens;

/// <summary>
/// <c>POST /api/payments/tokens</c>: a test card in, a single-use token out (valid for an hour). Every
/// field is checked first (400, each failure under its field); a valid card that is not a test card is
/// 422. A refusal stores nothing, and the number and CVC are never stored or logged either way.
/// </summary>
internal static class CreateToken
{
    public static async Task<IResult> Handle(CardRequest? request, SandboxTokenizer tokenizer, TimeProvider clock, CancellationToken cancellationToken)
    {
        var card = CardRules.Validate(request, clock.GetUtcNow());
        if (!card.IsSuccess)
        {
            return Problems.From(card.Error!);
        }

        var issued = await tokenizer.TokenizeAsync(card.Value, cancellationToken);
        return issued.IsSuccess ? TypedResults.Created((string?)null, issued.Value) : Problems.From(issued.Error!);
    }
}
