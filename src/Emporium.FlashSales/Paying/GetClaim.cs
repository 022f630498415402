using System.Security.Claims;
using Emporium.BuildingBlocks.Http;
using Emporium.BuildingBlocks.Security;
using Microsoft.AspNetCore.Http;

namespace Emporium.FlashSales.Paying;

/// <summary>A claim as its buyer sees it.</summary>
internal sealed record ClaimView(
    string ClaimId,
    string SaleId,
    string SkuId,
    long Price,
    string Currency,
    string Status,
    DateTimeOffset ExpiresAt,
    string? OrderId)
{
    public static ClaimView Of(StoredClaim stored) => new(
        stored.Claim.Id,
        stored.Claim.SaleId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        stored.Sale.SkuId,
        stored.Sale.Price,
        stored.Sale.Currency,
        ClaimRows.Text(stored.Claim.Status),
        stored.Claim.ExpiresAt,
        stored.Claim.OrderId);
}

/// <summary><c>GET /api/flash-sales/claims/{claimId}</c>: the caller's own claim; anyone else's is 404, exactly like an unknown one.</summary>
internal static class GetClaim
{
    public static async Task<IResult> Handle(string claimId, ClaimsPrincipal user, FlashSaleClaims claims, CancellationToken cancellationToken)
    {
        var userId = user.UserId() ?? throw new InvalidOperationException("The signed-in policy admits signed-in users only.");
        var stored = await claims.FindAsync(claimId, cancellationToken);
        return stored is null || stored.Claim.UserId != userId
            ? Problems.From(ClaimErrors.NotFound)
            : TypedResults.Ok(ClaimView.Of(stored));
    }
}
