using System.Data.Common;
using Dapper;
using Emporium.Contracts.FlashSales;

namespace Emporium.FlashSales.Paying;

/// <summary>The sale facts a claim is paid with: what, at which price, delivered where, carved from which allotment.</summary>
internal sealed record ClaimSale(string SkuId, long Price, string Currency, string Country, string? AllotmentId);

/// <summary>A stored claim and its sale's facts.</summary>
internal sealed record StoredClaim(ClaimState Claim, ClaimSale Sale)
{
    public FlashSaleClaim ToContract() => new(
        Claim.Id,
        Claim.SaleId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Claim.UserId,
        Sale.SkuId,
        Sale.Price,
        Sale.Country,
        Claim.Status,
        Claim.ExpiresAt,
        Claim.CheckoutId,
        Claim.OrderId);
}

/// <summary>Reads and compare-and-set writes of <c>flashsales_claims</c> for paying.</summary>
internal static class ClaimRows
{
    /// <summary>Claim ids are 32 hex digits; anything much longer is not one, and is not looked up.</summary>
    public const int MaxIdLength = 64;

    /// <summary>
    /// The claim with its sale; null when unknown. With <paramref name="forUpdate"/> (PostgreSQL) the
    /// claim's row — only the claim's, not the sale's — stays locked until <paramref name="transaction"/> ends.
    /// </summary>
    public static async Task<StoredClaim?> LoadAsync(
        DbConnection connection, DbTransaction? transaction, string claimId, bool forUpdate, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(claimId) || claimId.Length > MaxIdLength)
        {
            return null;
        }

        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            SELECT c.id AS Id, c.sale_id AS SaleId, c.user_id AS UserId, c.status AS Status, c.expires_at AS ExpiresAt,
                   c.checkout_id AS CheckoutId, c.reservation_id AS ReservationId, c.order_id AS OrderId,
                   s.sku_id AS SkuId, s.price AS Price, s.currency AS Currency, s.country AS Country, s.allotment_id AS AllotmentId
            FROM flashsales_claims c JOIN flashsales_sales s ON s.id = c.sale_id
            WHERE c.id = @claimId
            {(forUpdate ? "FOR UPDATE OF c" : "")}
            """,
            new { claimId },
            transaction,
            cancellationToken: cancellationToken));
        return row?.ToStored();
    }

    /// <summary>
    /// Writes <paramref name="after"/> if the row still is as <paramref name="before"/> left it (status and
    /// checkout): false when something else changed it meanwhile (on SQLite, the expiry sweep).
    /// </summary>
    public static async Task<bool> SaveAsync(
        DbConnection connection, DbTransaction transaction, ClaimState before, ClaimState after, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE flashsales_claims
            SET status = @Status, checkout_id = @CheckoutId, reservation_id = @ReservationId, order_id = @OrderId, updated_at = @UpdatedAt
            WHERE id = @Id AND status = @BeforeStatus AND COALESCE(checkout_id, '') = @BeforeCheckout
            """,
            new
            {
                after.Id,
                Status = Text(after.Status),
                after.CheckoutId,
                after.ReservationId,
                after.OrderId,
                UpdatedAt = now.ToUnixTimeMilliseconds(),
                BeforeStatus = Text(before.Status),
                BeforeCheckout = before.CheckoutId ?? "",
            },
            transaction,
            cancellationToken: cancellationToken)) == 1;
    }

    public static string Text(ClaimStatus status) => status switch
    {
        ClaimStatus.Claimed => "claimed",
        ClaimStatus.Paying => "paying",
        ClaimStatus.Paid => "paid",
        ClaimStatus.Expired => "expired",
        ClaimStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static ClaimStatus Parse(string status) => status switch
    {
        "claimed" => ClaimStatus.Claimed,
        "paying" => ClaimStatus.Paying,
        "paid" => ClaimStatus.Paid,
        "expired" => ClaimStatus.Expired,
        "cancelled" => ClaimStatus.Cancelled,
        _ => throw new InvalidOperationException($"Unknown flash-sale claim status '{status}'."),
    };

    private sealed record Row(
        string Id,
        long SaleId,
        string UserId,
        string Status,
        long ExpiresAt,
        string? CheckoutId,
        string? ReservationId,
        string? OrderId,
        string SkuId,
        long Price,
        string Currency,
        string Country,
        string? AllotmentId)
    {
        public StoredClaim ToStored() => new(
            new ClaimState(Id, SaleId, UserId, Parse(Status), DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAt), CheckoutId, ReservationId, OrderId),
            new ClaimSale(SkuId, Price, Currency, Country, AllotmentId));
    }
}
