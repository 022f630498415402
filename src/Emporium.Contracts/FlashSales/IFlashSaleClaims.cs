using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Inventory;

namespace Emporium.Contracts.FlashSales;

/// <summary>
/// Flash-sale claims as checkout pays them. A claim is one unit of a sale's allotment held for one buyer
/// until its deadline; checkout turns it into an order. Every operation is idempotent by
/// (claim, checkout), so a saga step repeated after a crash has one effect.
/// </summary>
public interface IFlashSaleClaims
{
    /// <summary>
    /// The buyer's claim as it is now. <c>claim_not_found</c> (404) when the claim is unknown or not
    /// <paramref name="userId"/>'s.
    /// </summary>
    Task<Result<FlashSaleClaim>> GetAsync(string claimId, string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Starts paying the claim for <paramref name="checkoutId"/>: the claim becomes <see cref="ClaimStatus.Paying"/>
    /// (it no longer expires) and its unit is carved out of the sale's allotment into a reservation of its
    /// own, held for <paramref name="hold"/> (checkout extends, commits or returns it like any other).
    /// Repeating it for the same checkout answers the same reservation. Expected failures:
    /// <c>claim_not_found</c> (404), <c>claim_expired</c> (410), <c>claim_paid</c> (409: already paid),
    /// <c>claim_in_checkout</c> (409: another checkout is paying it).
    /// </summary>
    Task<Result<StockReservation>> BeginCheckoutAsync(string claimId, string userId, string checkoutId, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>
    /// The checkout was compensated: its reservation is returned (a pending one gives its unit back to the
    /// allotment) and the claim can be paid again until its deadline — or, past it, expires and its unit
    /// goes back to the sale. Changes nothing when <paramref name="checkoutId"/> is not paying the claim.
    /// </summary>
    Task<Result<FlashSaleClaim>> AbandonCheckoutAsync(string claimId, string checkoutId, CancellationToken cancellationToken);

    /// <summary>The checkout completed: the claim is <see cref="ClaimStatus.Paid"/> by <paramref name="orderId"/>. Idempotent.</summary>
    Task<Result<FlashSaleClaim>> CompleteCheckoutAsync(string claimId, string checkoutId, string orderId, CancellationToken cancellationToken);
}

public enum ClaimStatus
{
    /// <summary>Held for the buyer until <see cref="FlashSaleClaim.ExpiresAt"/>.</summary>
    Claimed,

    /// <summary>A checkout is paying it; it does not expire while the checkout runs.</summary>
    Paying,

    Paid,

    /// <summary>Not paid in time: its unit went back to the sale.</summary>
    Expired,

    /// <summary>Paid, then its unit went back to the shelf (the checkout was undone after the stock was sold).</summary>
    Cancelled,
}

/// <summary>
/// One claimed unit of <paramref name="SkuId"/> at the sale's <paramref name="UnitPrice"/> (minor units of
/// the SKU's currency), to be delivered in <paramref name="Country"/>, the sale's market.
/// </summary>
public sealed record FlashSaleClaim(
    string ClaimId,
    string SaleId,
    string UserId,
    string SkuId,
    long UnitPrice,
    string Country,
    ClaimStatus Status,
    DateTimeOffset ExpiresAt,
    string? CheckoutId,
    string? OrderId);
