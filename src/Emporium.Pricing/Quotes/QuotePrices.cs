using Emporium.BuildingBlocks.Http;
using Emporium.Contracts.Pricing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Pricing.Quotes;

/// <summary>The body of <c>POST /api/pricing/quotes</c>. Every member is optional here so that a missing one is a field error.</summary>
internal sealed record QuoteBody(IReadOnlyList<QuoteBodyLine?>? Lines, string? Country);

/// <summary>A line of the body; a quantity far out of range is still read, and refused by the rules.</summary>
internal sealed record QuoteBodyLine(string? SkuId, long? Quantity);

/// <summary>
/// <c>POST /api/pricing/quotes</c> <c>{ lines: [{ skuId, quantity }], country }</c>: what the purchase would
/// cost now — the storefront's order review. Anonymous; nothing is stored or held.
/// </summary>
internal static class QuotePrices
{
    public static async Task<IResult> Handle(QuoteBody? body, IPriceQuotes quotes, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return Problems.From(QuoteRequestRules.Validate(null).Error!);
        }

        // Missing members become values the rules refuse with the same field errors as bad ones.
        var lines = (body.Lines ?? [])
            .Select(l => new QuoteLine(l?.SkuId ?? string.Empty, (int)Math.Clamp(l?.Quantity ?? 0, int.MinValue, int.MaxValue)))
            .ToList();
        var quote = await quotes.QuoteAsync(new QuoteRequest(lines, body.Country ?? string.Empty), cancellationToken);
        return quote.IsSuccess ? TypedResults.Ok(quote.Value) : Problems.From(quote.Error!);
    }
}
