using System.Globalization;
using Emporium.Payments.Gateway.Sandbox;
using Emporium.Payments.Tokens;
using Emporium.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Emporium.Web.Components;

namespace Emporium.Web.Payments;

/// <summary>
/// <c>POST /sandbox-gateway/tokenize</c>: the sandbox gateway's hosted card form. In a real deployment
/// this page belongs to the payment provider; here the Payments module's tokenizer (the one behind
/// <c>POST /api/payments/tokens</c>) turns the card into a single-use token and the shopper is sent back
/// to <c>returnUrl</c> with only the token, the brand and the last four digits. So the card number never
/// reaches the checkout's own post, and is never stored or logged.
/// </summary>
internal static class SandboxGatewayForm
{
    public const string Path = "/sandbox-gateway/tokenize";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Path, TokenizeAsync).RequireAntiforgeryToken().ExcludeFromDescription();

    private static async Task<IResult> TokenizeAsync(
        [FromForm(Name = "number")] string? number,
        [FromForm(Name = "expMonth")] string? expMonth,
        [FromForm(Name = "expYear")] string? expYear,
        [FromForm(Name = "cvc")] string? cvc,
        [FromForm(Name = "returnUrl")] string? returnUrl,
        SandboxTokenizer tokenizer,
        TimeProvider clock,
        HttpContext context)
    {
        var back = Urls.LocalOrHome(returnUrl);
        var card = CardRules.Validate(new CardRequest(number, Whole(expMonth), Whole(expYear), cvc), clock.GetUtcNow());
        if (!card.IsSuccess)
        {
            var fields = card.Error!.Fields?.Keys ?? [];
            return Results.LocalRedirect(QueryHelpers.AddQueryString(back, "cardError", string.Join(',', fields)));
        }

        var issued = await tokenizer.TokenizeAsync(card.Value, context.RequestAborted);
        if (!issued.IsSuccess)
        {
            return Results.LocalRedirect(QueryHelpers.AddQueryString(back, "cardError", issued.Error!.Code));
        }

        return Results.LocalRedirect(QueryHelpers.AddQueryString(back, new Dictionary<string, string?>
        {
            ["token"] = issued.Value.Token,
            ["brand"] = issued.Value.Brand,
            ["last4"] = issued.Value.Last4,
        }));
    }

    private static int? Whole(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
