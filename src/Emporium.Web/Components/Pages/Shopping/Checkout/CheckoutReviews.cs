using Emporium.BuildingBlocks;
using Emporium.Cart;
using Emporium.Contracts.Catalog;
using Emporium.Contracts.FlashSales;
using Emporium.Contracts.Pricing;
using Microsoft.AspNetCore.Http;

namespace Emporium.Web.Components.Pages.Shopping.Checkout;

/// <summary>One line the shopper is about to buy, as the review shows it.</summary>
internal sealed record ReviewLine(string SkuId, string Title, string? Image, IReadOnlyDictionary<string, string> Attributes, int Quantity, Money UnitPrice, Money LineTotal);

/// <summary>
/// What a checkout will buy (the cart's purchasable lines, or the one unit of a flash-sale claim), and,
/// once the destination is known, the server's quote for it: the same quote the checkout saga takes.
/// </summary>
internal sealed record CheckoutReview(IReadOnlyList<ReviewLine> Lines, Money Subtotal, PriceQuote? Quote, FlashSaleClaim? Claim, string? Problem);

/// <summary>Builds the checkout's review from the modules the saga asks: the cart, the claim, the catalog, pricing.</summary>
internal sealed class CheckoutReviews(ShopperCarts carts, IFlashSaleClaims claims, ICatalogReader catalog, IPriceQuotes prices)
{
    public async Task<CheckoutReview> LoadAsync(HttpContext context, string userId, string? claimId, string? country, CancellationToken cancellationToken)
    {
        FlashSaleClaim? claim = null;
        List<ReviewLine> lines;
        if (claimId is not null)
        {
            var found = await claims.GetAsync(claimId, userId, cancellationToken);
            if (!found.IsSuccess)
            {
                return Empty("We couldn't find that flash-sale claim. It may belong to another account.");
            }

            claim = found.Value;
            var sku = (await catalog.GetSkusAsync([claim.SkuId], cancellationToken)).GetValueOrDefault(claim.SkuId);
            var price = new Money(claim.UnitPrice, sku?.Currency ?? "USD");
            lines = [new ReviewLine(claim.SkuId, sku?.ProductTitle ?? "Item " + claim.SkuId, sku?.Image, sku?.Attributes ?? new Dictionary<string, string>(), 1, price, price)];
        }
        else
        {
            var cart = await carts.ReadAsync(context, cancellationToken);
            lines = cart.Lines
                .Where(l => !l.Warnings.Contains(Emporium.Cart.Viewing.CartWarnings.NoLongerSold))
                .Select(l => new ReviewLine(l.SkuId, l.Title ?? "Item " + l.SkuId, l.Image, l.Attributes, l.Quantity, l.UnitPrice, l.LineTotal))
                .ToList();
        }

        var subtotal = lines.Count == 0 ? new Money(0, "USD") : new Money(lines.Sum(l => l.LineTotal.Amount), lines[0].LineTotal.Currency);
        if (lines.Count == 0 || country is null)
        {
            return new CheckoutReview(lines, subtotal, null, claim, null);
        }

        var quote = await prices.QuoteAsync(
            new QuoteRequest([.. lines.Select(l => new QuoteLine(l.SkuId, l.Quantity, claim is null ? null : claim.UnitPrice))], country),
            cancellationToken);
        return new CheckoutReview(lines, subtotal, quote.IsSuccess ? quote.Value : null, claim, quote.IsSuccess ? null : quote.Error!.Message);
    }

    private static CheckoutReview Empty(string problem) => new([], new Money(0, "USD"), null, null, problem);
}
